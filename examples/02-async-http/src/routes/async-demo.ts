// The seed's /async-demo: the handler awaits a slow operation (2 s) and then answers.
import type { FastifyInstance } from 'fastify';
import { sleep } from '../sleep.ts';

export function asyncDemoRoute(app: FastifyInstance, delayMs: number) {
  app.get('/async-demo', async () => {
    await sleep(delayMs); // stands in for a database query or an HTTP call to another service
    return { msg: 'async response', waitedMs: delayMs };
  });
}
