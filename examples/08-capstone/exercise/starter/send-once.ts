// Exercise: make sending idempotent. Right now every call sends, so a retried notify job
// e-mails the user twice. Use a marker key in Redis so that at most one call per key sends.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export type Delivery = 'sent' | 'already-sent';

/** How long a claim holds if its worker dies mid-send. */
export const CLAIM_MS = 60_000;

/** Deletes KEYS[1] only if it still holds ARGV[1]: compare and delete in one atomic step. */
const RELEASE_OWN_CLAIM = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export async function sendOnce(redis: Redis, key: string, send: () => Promise<void>): Promise<Delivery> {
  // TODO 1: claim the key atomically before sending, with a value only this call knows:
  //         const claim = randomUUID(); redis.set(key, claim, 'PX', CLAIM_MS, 'NX') answers 'OK' only to
  //         the first caller.
  // TODO 2: if the claim fails, read the key: 'sent' → return 'already-sent' without sending;
  //         anything else → another attempt is sending right now: throw an Error so the job retries later.
  // TODO 3: if send() throws, release the claim, but only if it is still yours (it may have expired and
  //         been taken by another attempt): redis.eval(RELEASE_OWN_CLAIM, 1, key, claim). Then rethrow.
  // TODO 4: after a successful send, set the key to 'sent' (with an expiry, e.g. 'EX', 7 * 24 * 3600).
  void redis;
  void key;
  void randomUUID;
  void RELEASE_OWN_CLAIM;
  await send();
  return 'sent';
}
