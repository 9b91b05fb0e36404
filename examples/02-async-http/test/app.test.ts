import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../src/app.ts';

afterEach(() => vi.useRealTimers());

describe('GET /async-demo', () => {
  it('answers after its delay with a message', async () => {
    const app = buildApp({ demoDelayMs: 5 });
    const response = await app.inject({ method: 'GET', url: '/async-demo' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ msg: 'async response', waitedMs: 5 });
    await app.close();
  });

  it('serves 10 requests concurrently: 2 s of (fake) time answers all ten', async () => {
    const app = buildApp({ demoDelayMs: 2000 });
    await app.ready();
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    let answered = 0;
    const requests = Array.from({ length: 10 }, () =>
      app.inject({ method: 'GET', url: '/async-demo' }).then((r) => {
        answered++;
        return r;
      }),
    );
    await vi.advanceTimersByTimeAsync(1999);
    expect(answered).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(answered).toBe(10);
    for (const response of await Promise.all(requests)) expect(response.statusCode).toBe(200);
    vi.useRealTimers();
    await app.close();
  });
});

describe('GET /cpu-bound', () => {
  it('computes for the requested time', async () => {
    const app = buildApp();
    const response = await app.inject({ method: 'GET', url: '/cpu-bound?ms=5' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ msg: 'computed for 5 ms', workedMs: 5 });
    await app.close();
  });

  it('stalls other requests: /async-demo started during CPU work finishes after it', async () => {
    const app = buildApp({ demoDelayMs: 0 });
    await app.ready();
    const finished: string[] = [];
    const cpu = app.inject({ method: 'GET', url: '/cpu-bound?ms=200' }).then(() => finished.push('cpu-bound'));
    const quick = app.inject({ method: 'GET', url: '/async-demo' }).then(() => finished.push('async-demo'));
    await Promise.all([cpu, quick]);
    expect(finished).toEqual(['cpu-bound', 'async-demo']);
    await app.close();
  });

  it('does not stall others when the work runs in a worker thread: /async-demo finishes first', async () => {
    const app = buildApp({ demoDelayMs: 0 });
    await app.ready();
    const finished: string[] = [];
    const cpu = app.inject({ method: 'GET', url: '/cpu-offloaded?ms=300' }).then((r) => {
      finished.push('cpu-offloaded');
      return r;
    });
    const quick = app.inject({ method: 'GET', url: '/async-demo' }).then(() => finished.push('async-demo'));
    const [cpuResponse] = await Promise.all([cpu, quick]);
    expect(finished).toEqual(['async-demo', 'cpu-offloaded']);
    expect(cpuResponse.json()).toEqual({ msg: 'computed for 300 ms in a worker thread', workedMs: 300 });
    await app.close();
  });

  it.each([
    ['ms=abc', 'querystring/ms must be integer'],
    ['ms=1.5', 'querystring/ms must be integer'],
    ['ms=0', 'querystring/ms must be >= 1'],
    ['ms=99999', 'querystring/ms must be <= 5000'],
    ['', "querystring must have required property 'ms'"],
  ])('rejects ?%s with 400 and a clear message', async (query, message) => {
    const app = buildApp();
    const response = await app.inject({ method: 'GET', url: `/cpu-bound?${query}` });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: 'Bad Request', message });
    await app.close();
  });
});
