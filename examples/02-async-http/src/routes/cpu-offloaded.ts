// The same CPU work, done in a worker thread: the handler awaits it, so other requests keep flowing.
import type { FastifyInstance } from 'fastify';
import { burnCpuInWorkerThread } from '../run-in-worker-thread.ts';
import { msQuerySchema } from './ms-query-schema.ts';

export function cpuOffloadedRoute(app: FastifyInstance) {
  app.get('/cpu-offloaded', { schema: { querystring: msQuerySchema } }, async (request) => {
    const { ms } = request.query as { ms: number };
    await burnCpuInWorkerThread(ms);
    return { msg: `computed for ${ms} ms in a worker thread`, workedMs: ms };
  });
}
