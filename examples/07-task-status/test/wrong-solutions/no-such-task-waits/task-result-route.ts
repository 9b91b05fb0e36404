// Wrong on purpose (test/exercise.test.ts): forgets that there may be no such task. An unknown id has the state
// "unknown", which is not "completed", so the route answers 202 ("come back later") for ever instead of 404.
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { AddJob } from '../../../src/add-queue.ts';

export function taskResultRoute(app: FastifyInstance, queue: Queue<AddJob, number>) {
  app.get<{ Params: { id: string } }>('/task-result/:id', async (request, reply) => {
    const { id } = request.params;
    const status = await queue.getJobState(id);
    const job = (await queue.getJob(id))!;
    if (status === 'failed') return reply.code(409).send({ message: job.failedReason });
    if (status !== 'completed') return reply.code(202).send({ status });
    return reply.code(200).send({ result: job.returnvalue });
  });
}
