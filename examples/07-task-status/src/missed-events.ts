// What happened to one task after a given event, read back from the queue's own event log: the Redis stream
// that QueueEvents reads, where every event has an id such as "1712345678901-0". A client that reconnects with
// Last-Event-ID gets the events it missed from here. The log is capped (BullMQ keeps about the last 10,000
// events of a queue), so a client gone for very long may find older events gone: it still gets the newest ones.
import type { Connection } from '@async-lab/memory-redis';
import type { Queue } from 'bullmq';

/** One logged event, with its values decoded as QueueEvents decodes them. */
export interface LoggedEvent {
  id: string;
  event: string;
  jobId?: string;
  data?: unknown; // progress
  returnvalue?: unknown; // completed
  failedReason?: string; // failed
}

/** An id of the queue's event log; anything else in Last-Event-ID is not one the server sent. */
export const eventIdPattern = /^\d+-\d+$/;

export async function eventsAfter(queue: Queue, jobId: string, lastEventId: string): Promise<LoggedEvent[]> {
  const redis = queue.opts.connection as Connection; // the client this app gave the queue (createConnection())
  const entries = await redis.xrange(queue.keys.events!, `(${lastEventId}`, '+'); // "(": after, not including
  return entries.map(([id, fields]) => decode(id, fields)).filter((event) => event.jobId === jobId);
}

function decode(id: string, fields: string[]): LoggedEvent {
  const raw: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) raw[fields[i]!] = fields[i + 1]!;
  const { event = '', jobId, data, returnvalue, failedReason } = raw;
  return {
    id,
    event,
    jobId,
    data: data === undefined ? undefined : JSON.parse(data),
    returnvalue: returnvalue === undefined ? undefined : JSON.parse(returnvalue),
    failedReason,
  };
}

/** Whether event id `a` comes after `b` in the log ("ms-sequence", compared as numbers). */
export function isAfter(a: string, b: string): boolean {
  const [aMs = 0, aSeq = 0] = a.split('-').map(Number);
  const [bMs = 0, bSeq = 0] = b.split('-').map(Number);
  return aMs > bMs || (aMs === bMs && aSeq > bSeq);
}
