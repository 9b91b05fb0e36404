// POST /tasks/:id/cancel — stop a task. A task still in the queue is removed (no worker will see it); a task a
// worker is running is asked to stop (src/cancel-requests.ts), and ends as failed, "cancelled by the user".
import type { Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { AddJob } from '../add-queue.ts';
import { taskNotFound } from '../task-not-found.ts';

export function cancelTaskRoute(
  app: FastifyInstance,
  queue: Queue<AddJob, number>,
  requestCancel: (jobId: string) => Promise<void>,
) {
  app.post<{ Params: { id: string } }>('/tasks/:id/cancel', async (request, reply) => {
    const { id } = request.params;
    const job = await queue.getJob(id);
    if (!job) throw taskNotFound(id);
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') {
      return reply.code(409).send({ message: `Task ${id} has already ${state}; there is nothing to cancel.` });
    }
    if (state !== 'active') {
      try {
        await job.remove(); // waiting, delayed, prioritized: gone before any worker takes it
        return reply.code(202).send({ status: 'cancelled' });
      } catch {
        // a worker took it meanwhile (its lock stops remove()): ask that worker instead
      }
    }
    await requestCancel(id);
    return reply.code(202).send({ status: 'cancelling' });
  });
}
