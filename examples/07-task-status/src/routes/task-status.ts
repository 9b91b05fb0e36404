// GET /task-status/:id — pull: the client asks, as often as it likes (Celery: AsyncResult(task_id)).
import type { JobState, Queue } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { AddJob } from '../add-queue.ts';
import { taskNotFound } from '../task-not-found.ts';

export interface TaskStatus {
  id: string;
  status: JobState | 'unknown'; // waiting, active, delayed, completed, failed, ...
  result: number | null; // set once completed
  progress: number | object | string | boolean; // whatever the worker last passed to updateProgress
  failedReason: string | null; // set once failed
}

export function taskStatusRoute(app: FastifyInstance, queue: Queue<AddJob, number>) {
  app.get<{ Params: { id: string } }>('/task-status/:id', async (request): Promise<TaskStatus> => {
    const { id } = request.params;
    // The state first, then the job. Read the other way round, a task that completes in between would be
    // reported "completed" with the result still missing from the job read before.
    const status = await queue.getJobState(id);
    const job = await queue.getJob(id);
    if (!job) throw taskNotFound(id); // unknown, or removed in between
    return {
      id,
      status,
      result: job.returnvalue ?? null,
      progress: job.progress,
      failedReason: job.failedReason ?? null,
    };
  });
}
