// Exercise: GET /task-result/:id — the result if there is one, otherwise a status code that says why not.
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { AddJob } from '../../src/add-queue.ts';

export function taskResultRoute(app: FastifyInstance, queue: Queue<AddJob, number>) {
  app.get<{ Params: { id: string } }>('/task-result/:id', async (request, reply) => {
    const { id } = request.params;
    // The state first, then the job: read the other way round, a task that completes in between would look
    // completed without its result.
    const status = await queue.getJobState(id);
    const job = await queue.getJob(id);
    if (!job) return reply.code(404).send({ message: `No task with id "${id}".` }); // unknown, or removed meanwhile
    if (status === 'failed') return reply.code(409).send({ message: job.failedReason });
    if (status !== 'completed') return reply.code(202).send({ status });
    return reply.code(200).send({ result: job.returnvalue });
  });
}
