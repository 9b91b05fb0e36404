// Exercise: GET /task-result/:id — the result if there is one, otherwise a status code that says why not.
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { AddJob } from '../../src/add-queue.ts';

export function taskResultRoute(app: FastifyInstance, queue: Queue<AddJob, number>) {
  app.get<{ Params: { id: string } }>('/task-result/:id', async (request, reply) => {
    const { id } = request.params;
    // The state first, then the job: read the other way round, a task that completes in between would look
    // completed without its result.
    const status = await queue.getJobState(id); // 'unknown' when there is no such task
    const job = await queue.getJob(id);
    // TODO 1: no such task → 404 with { message } that names the id.
    // TODO 2: not finished yet (waiting, active, delayed, ...) → 202 with { status }: "come back later".
    // TODO 3: failed → 409 with { message: <the job's failedReason> }: there is no result, and here is why.
    // Completed → 200 with { result } (this part is done).
    return reply.code(200).send({ result: job?.returnvalue });
  });
}
