// GET /task-events/:id — push instead of polling: every change of the task is sent as it happens,
// as Server-Sent Events, until the task completes or fails.
import type { Queue, QueueEvents } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { AddJob } from '../add-queue.ts';
import { openEventStream, type EventStream } from '../event-stream.ts';
import { taskNotFound } from '../task-not-found.ts';

type QueueEvent = { jobId: string; data?: unknown; returnvalue?: unknown; failedReason?: string };

export function taskEventsRoute(app: FastifyInstance, queue: Queue<AddJob, number>, queueEvents: QueueEvents) {
  // On shutdown, end the open streams: app.close() would otherwise wait for tasks that may never end.
  const openStreams = new Set<EventStream>();
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.end();
  });

  app.get<{ Params: { id: string } }>('/task-events/:id', async (request, reply) => {
    const { id } = request.params;
    if ((await queue.getJobState(id)) === 'unknown') throw taskNotFound(id);

    const stream = openEventStream(reply);
    let sawLiveEvent = false;
    const live = (event: string, data: object) => {
      sawLiveEvent = true;
      stream.send(event, data);
    };
    const finish = (event: 'completed' | 'failed', data: object) => {
      live(event, { status: event, ...data });
      stream.end();
    };
    // QueueEvents reports every job of the queue; each listener keeps only this task's events.
    const listeners = {
      active: ({ jobId }: QueueEvent) => jobId === id && live('active', { status: 'active' }),
      progress: ({ jobId, data }: QueueEvent) => jobId === id && live('progress', { status: 'active', progress: data }),
      completed: ({ jobId, returnvalue }: QueueEvent) => jobId === id && finish('completed', { result: returnvalue }),
      failed: ({ jobId, failedReason }: QueueEvent) => jobId === id && finish('failed', { failedReason }),
    };
    for (const [event, listener] of Object.entries(listeners)) queueEvents.on(event as 'active', listener);
    openStreams.add(stream);
    stream.onClose(() => {
      // The stream ended, or the client went away: stop listening for it.
      for (const [event, listener] of Object.entries(listeners)) queueEvents.off(event as 'active', listener);
      openStreams.delete(stream);
    });

    // First frame: where the task is now. Read after we started listening, so no change falls in
    // between — unless a live event has already said something newer.
    const job = await queue.getJob(id);
    const status = (await job?.getState()) ?? 'unknown';
    if (sawLiveEvent) return reply;
    if (status === 'completed') finish('completed', { result: job?.returnvalue });
    else if (status === 'failed') finish('failed', { failedReason: job?.failedReason });
    else if (job) stream.send(status, { status, progress: job.progress });
    else stream.end(); // removed in the meantime: nothing left to follow
    return reply;
  });
}
