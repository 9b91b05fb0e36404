// Checks exercise/<EXERCISE_DIR>/forecast-route.ts. Run with `npm run check` (or `npm run check -- --solution`).
import Fastify from 'fastify';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { say } from '@async-lab/course-tools/say';
import { sleep } from '../src/sleep.ts';

const { forecastRoute } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/forecast-route.ts`
)) as typeof import('./solution/forecast-route.ts');

// A fake weather service that remembers how many lookups were running at the same time.
function buildForecastApp() {
  const stats = { running: 0, most: 0, calls: 0 };
  const app = Fastify();
  forecastRoute(app, async (_city, day) => {
    stats.calls++;
    stats.running++;
    stats.most = Math.max(stats.most, stats.running);
    await sleep(20 - day); // later days answer sooner, so order only survives if you keep it
    stats.running--;
    return 10 + day;
  });
  return { app, stats };
}

describe('GET /forecast', () => {
  it(
    say(
      'answers ?city=Paris&days=3 with three temperatures in day order',
      '对 ?city=Paris&days=3 按日期顺序返回三个温度',
    ),
    async () => {
      const { app } = buildForecastApp();
      const response = await app.inject({ method: 'GET', url: '/forecast?city=Paris&days=3' });
      assert.equal(response.statusCode, 200, say('status code', '状态码'));
      assert.deepEqual(response.json(), { city: 'Paris', temperatures: [11, 12, 13] }, say('response body', '响应体'));
    },
  );

  it(say('fetches all days at the same time', '同时查询所有日期'), async () => {
    const { app, stats } = buildForecastApp();
    await app.inject({ method: 'GET', url: '/forecast?city=Paris&days=5' });
    assert.equal(
      stats.most,
      5,
      say('lookups running at once for days=5 (one by one gives 1)', 'days=5 时同时进行的查询数（一个接一个是 1）'),
    );
  });

  for (const [label, url] of [
    ['days=abc (not a number)', '/forecast?city=Paris&days=abc'],
    ['days=2.5 (not an integer)', '/forecast?city=Paris&days=2.5'],
    ['days=8 (more than 7)', '/forecast?city=Paris&days=8'],
    ['days=0 (less than 1)', '/forecast?city=Paris&days=0'],
    ['a missing city', '/forecast?days=2'],
    ['an empty city', '/forecast?city=&days=2'],
  ]) {
    it(
      say(`rejects ${label} with 400, without calling the weather service`, `对 ${label} 返回 400，并且不调用天气服务`),
      async () => {
        const { app, stats } = buildForecastApp();
        const response = await app.inject({ method: 'GET', url });
        assert.equal(response.statusCode, 400, say(`status code for ${url}`, `${url} 的状态码`));
        assert.equal(stats.calls, 0, say('weather lookups made for bad input', '对错误输入发出的天气查询'));
      },
    );
  }
});
