// Wrong on purpose (test/exercise.test.ts): anything without a result counts as not finished, so a failed
// task answers 202 for ever and the client polls for nothing.
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { AddJob } from '../../../src/add-queue.ts';

export function taskResultRoute(app: FastifyInstance, queue: Queue<AddJob, number>) {
  app.get<{ Params: { id: string } }>('/task-result/:id', async (request, reply) => {
    const { id } = request.params;
    const status = await queue.getJobState(id);
    const job = await queue.getJob(id);
    if (!job) return reply.code(404).send({ message: `No task with id "${id}".` });
    if (status !== 'completed') return reply.code(202).send({ status });
    return reply.code(200).send({ result: job.returnvalue });
  });
}
