// Exercise: make sending idempotent. Right now every call sends, so a retried notify job
// e-mails the user twice. Use a marker key in Redis so that at most one call per key sends.
import type { Redis } from 'ioredis';

export type Delivery = 'sent' | 'already-sent';

/** How long a claim holds if its worker dies mid-send. */
const CLAIM_MS = 60_000;

export async function sendOnce(redis: Redis, key: string, send: () => Promise<void>): Promise<Delivery> {
  // TODO 1: claim the key atomically before sending: redis.set(key, 'sending', 'PX', CLAIM_MS, 'NX')
  //         answers 'OK' only to the first caller.
  // TODO 2: if the claim fails, read the key: 'sent' → return 'already-sent' without sending;
  //         anything else → another attempt is sending right now: throw an Error so the job retries later.
  // TODO 3: if send() throws, delete the key (so a retry can send) and rethrow.
  // TODO 4: after a successful send, set the key to 'sent' (with an expiry, e.g. 'EX', 7 * 24 * 3600).
  void redis;
  void key;
  void CLAIM_MS;
  await send();
  return 'sent';
}
