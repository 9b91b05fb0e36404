// GET /task-events/:id — push instead of polling: every change of the task is sent as it happens, as
// Server-Sent Events, until the task completes, fails or is cancelled. Each frame carries the id of its event
// in the queue's event log; a client that reconnects with Last-Event-ID gets what it missed, and no repeats.
import type { Queue, QueueEvents } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import type { AddJob } from '../add-queue.ts';
import { openEventStream, type EventStream } from '../event-stream.ts';
import { eventIdPattern, eventsAfter, isAfter } from '../missed-events.ts';
import { taskNotFound } from '../task-not-found.ts';

interface Frame {
  event: string;
  data: object;
  id?: string;
  last?: boolean; // the task is over: end the stream after this frame
}

type EventFields = { jobId?: string; data?: unknown; returnvalue?: unknown; failedReason?: string };

/** The frame a client gets for one event of the queue (undefined for events a client does not need). */
function frameFor(event: string, fields: EventFields, id?: string): Frame | undefined {
  if (event === 'active') return { event, data: { status: 'active' }, id };
  if (event === 'progress') return { event, data: { status: 'active', progress: fields.data }, id };
  if (event === 'completed')
    return { event, data: { status: 'completed', result: fields.returnvalue }, id, last: true };
  if (event === 'failed')
    return { event, data: { status: 'failed', failedReason: fields.failedReason }, id, last: true };
  if (event === 'removed') return { event: 'cancelled', data: { status: 'cancelled' }, id, last: true };
  return undefined;
}

const followed = ['active', 'progress', 'completed', 'failed', 'removed'] as const;

export function taskEventsRoute(app: FastifyInstance, queue: Queue<AddJob, number>, queueEvents: QueueEvents) {
  // On shutdown, end the open streams: app.close() would otherwise wait for tasks that may never end.
  const openStreams = new Set<EventStream>();
  app.addHook('preClose', async () => {
    for (const stream of openStreams) stream.end();
  });

  app.get<{ Params: { id: string } }>('/task-events/:id', async (request, reply) => {
    const { id } = request.params;
    const lastEventId = request.headers['last-event-id'];
    if (typeof lastEventId === 'string' && !eventIdPattern.test(lastEventId)) {
      const message = `Last-Event-ID "${lastEventId}" is not an event id this server sent (they look like 1712345678901-0).`;
      throw Object.assign(new Error(message), { statusCode: 400 });
    }
    if ((await queue.getJobState(id)) === 'unknown') throw taskNotFound(id);

    const stream = openEventStream(reply);
    let lastSent = typeof lastEventId === 'string' ? lastEventId : '0-0';
    let ended = false;
    const deliver = (frame: Frame | undefined) => {
      if (!frame || ended || (frame.id && !isAfter(frame.id, lastSent))) return; // nothing twice
      stream.send(frame.event, frame.data, frame.id);
      if (frame.id) lastSent = frame.id;
      if (frame.last) {
        ended = true;
        stream.end();
      }
    };

    // 1. Listen first. QueueEvents reports every job of the queue; each listener keeps only this task's events.
    //    Until the catch-up below is sent, live events wait, so that nothing arrives out of order.
    let catchingUp = true;
    const early: Frame[] = [];
    const listeners = followed.map((event) => {
      const listener = (fields: EventFields, eventId: string) => {
        if (fields.jobId !== id) return;
        const frame = frameFor(event, fields, eventId);
        if (frame) catchingUp ? early.push(frame) : deliver(frame);
      };
      queueEvents.on(event, listener);
      return () => queueEvents.off(event, listener);
    });
    openStreams.add(stream);
    stream.onClose(() => {
      // The stream ended, or the client went away: stop listening for it.
      for (const stopListening of listeners) stopListening();
      openStreams.delete(stream);
    });

    // 2. Catch up. A client that reconnects gets the events it missed from the queue's event log; a new client
    //    gets where the task is now, unless a live event has already said something newer.
    if (typeof lastEventId === 'string') {
      for (const missed of await eventsAfter(queue, id, lastEventId))
        deliver(frameFor(missed.event, missed, missed.id));
    } else if (early.length === 0) {
      const status = await queue.getJobState(id); // the state first, then the job (see task-status.ts)
      const job = await queue.getJob(id);
      if (early.length > 0) {
        // a live event came while we read: it is newer than what we read
      } else if (status === 'completed') deliver(frameFor('completed', { returnvalue: job?.returnvalue }));
      else if (status === 'failed') deliver(frameFor('failed', { failedReason: job?.failedReason }));
      else if (job) deliver({ event: status, data: { status, progress: job.progress } });
      else deliver({ event: 'cancelled', data: { status: 'cancelled' }, last: true }); // removed meanwhile
    }
    catchingUp = false;
    for (const frame of early.splice(0)) deliver(frame);
    return reply;
  });
}
