// At most one successful send per key, even when a job runs again (retry after a crash, a stalled
// job picked up by another worker, a manual retry). The marker lives in Redis next to the queue:
//   (no key) ──SET NX──▶ <this call's claim> ──sent──▶ "sent"
// A failed send releases the claim so a retry can try again, but only while the claim is still its own:
// once it has expired, the key may belong to another attempt (or hold its "sent"), and deleting that would
// let a third attempt send too. The claim must outlast a send: the SMTP mailer gives up well before it
// (mailer.ts). What no marker can close: a worker dying after the SMTP server accepted the mail but before
// "sent" is written. Then the mail goes out twice, with the same Message-ID, which mail clients can group.
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';

export type Delivery = 'sent' | 'already-sent';

/** How long a claim holds if its worker dies mid-send; longer than the SMTP mailer's timeouts. */
export const CLAIM_MS = 60_000;
const KEEP_MARKER_SECONDS = 7 * 24 * 3600;

/** Deletes KEYS[1] only if it still holds ARGV[1]: compare and delete in one atomic step. */
const RELEASE_OWN_CLAIM = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

export async function sendOnce(redis: Redis, key: string, send: () => Promise<void>): Promise<Delivery> {
  const claim = randomUUID();
  const claimed = await redis.set(key, claim, 'PX', CLAIM_MS, 'NX');
  if (claimed !== 'OK') {
    if ((await redis.get(key)) === 'sent') return 'already-sent';
    throw new Error('Another attempt is sending this e-mail right now; this one will retry later.');
  }
  try {
    await send();
  } catch (error) {
    await redis.eval(RELEASE_OWN_CLAIM, 1, key, claim);
    throw error;
  }
  await redis.set(key, 'sent', 'EX', KEEP_MARKER_SECONDS);
  return 'sent';
}
