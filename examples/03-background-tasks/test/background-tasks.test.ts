import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { useBackgroundTasks } from '../src/background-tasks-hook.ts';

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('request.backgroundTasks', () => {
  it('runs tasks after the reply, in the order they were added, with their arguments', async () => {
    const events: string[] = [];
    const app = Fastify();
    useBackgroundTasks(app);
    app.get('/', async (request) => {
      request.backgroundTasks.addTask(async (n: number) => {
        await new Promise((resolve) => setTimeout(resolve, 10)); // slower first task: order must still hold
        events.push(`task ${n}`);
      }, 1);
      request.backgroundTasks.addTask((n: number) => void events.push(`task ${n}`), 2);
      events.push('handler returns');
      return 'ok';
    });

    const response = await app.inject('/');
    events.push('client has the response');
    expect(response.body).toBe('ok');
    await until(() => events.length === 4);
    expect(events).toEqual(['handler returns', 'client has the response', 'task 1', 'task 2']);
    await app.close();
  });

  it('keeps running later tasks after one fails, and logs the failure', async () => {
    const events: string[] = [];
    const logs: Array<{ msg: string }> = [];
    const app = Fastify({
      logger: { level: 'error', stream: { write: (l: string) => void logs.push(JSON.parse(l)) } },
    });
    useBackgroundTasks(app);
    app.get('/', async (request) => {
      request.backgroundTasks.addTask(function chargeCard() {
        throw new Error('card declined');
      });
      request.backgroundTasks.addTask(() => void events.push('receipt task ran'));
      return 'ok';
    });

    await app.inject('/');
    await until(() => events.length === 1);
    expect(logs.map((l) => l.msg)).toEqual(['background task chargeCard failed: card declined']);
    await app.close();
  });

  it('gives each request its own task list', async () => {
    const sizes: number[] = [];
    const app = Fastify();
    useBackgroundTasks(app);
    app.get('/', async (request) => {
      request.backgroundTasks.addTask(() => undefined);
      sizes.push(request.backgroundTasks.size);
      return 'ok';
    });
    await Promise.all([app.inject('/'), app.inject('/')]);
    expect(sizes).toEqual([1, 1]);
    await app.close();
  });
});
