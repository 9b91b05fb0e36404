// Wrong on purpose (test/exercise.test.ts): forgets that getJob() finds nothing for an unknown id, and the
// route crashes with a 500 instead of a 404.
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { AddJob } from '../../../src/add-queue.ts';

export function taskResultRoute(app: FastifyInstance, queue: Queue<AddJob, number>) {
  app.get<{ Params: { id: string } }>('/task-result/:id', async (request, reply) => {
    const { id } = request.params;
    const job = (await queue.getJob(id))!;
    const status = await job.getState();
    if (status === 'failed') return reply.code(409).send({ message: job.failedReason });
    if (status !== 'completed') return reply.code(202).send({ status });
    return reply.code(200).send({ result: job.returnvalue });
  });
}
