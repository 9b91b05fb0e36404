// POST /reports: queue a report and answer 202 with its id, or 503 at once when the queue's Redis cannot be
// reached. The queue's connection must fail fast (connectProducer) for that: with a worker's settings,
// queue.add() would wait for Redis to come back, and so would the client.
import type { Queue } from 'bullmq';
import Fastify from 'fastify';
import type { ReportJob } from '../work-queue.ts';
import { redisUnreachable } from './redis-unreachable.ts';

export function buildReportsApi(queue: Queue<ReportJob>) {
  const app = Fastify();
  app.post('/reports', async (_request, reply) => {
    try {
      const job = await queue.add('report', { ms: 50 });
      return reply.code(202).send({ taskId: job.id });
    } catch (error) {
      if (!redisUnreachable(error)) throw error; // anything else is a bug: a 500, and it is logged
      return reply.code(503).header('retry-after', '5').send({
        error: 'queue-unavailable',
        message: 'The job queue cannot be reached right now; nothing was queued. Try again in a few seconds.',
      });
    }
  });
  return app;
}
