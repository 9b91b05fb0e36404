// At most one successful send per key, even when a job runs again (retry after a crash, a stalled
// job picked up by another worker, a manual retry). The marker lives in Redis next to the queue:
//   (no key) ──SET NX──▶ "sending" ──sent──▶ "sent"      a failed send deletes the key, so a retry can try again.
// The one gap no marker can close: a worker dying after the SMTP server accepted the mail but before
// "sent" is written. Then the mail goes out twice, with the same Message-ID, which mail clients can group.
import type { Redis } from 'ioredis';

export type Delivery = 'sent' | 'already-sent';

/** How long a claim holds if its worker dies mid-send; longer than any SMTP conversation. */
const CLAIM_MS = 60_000;
const KEEP_MARKER_SECONDS = 7 * 24 * 3600;

export async function sendOnce(redis: Redis, key: string, send: () => Promise<void>): Promise<Delivery> {
  const claimed = await redis.set(key, 'sending', 'PX', CLAIM_MS, 'NX');
  if (claimed !== 'OK') {
    if ((await redis.get(key)) === 'sent') return 'already-sent';
    throw new Error('Another attempt is sending this e-mail right now; this one will retry later.');
  }
  try {
    await send();
  } catch (error) {
    await redis.del(key);
    throw error;
  }
  await redis.set(key, 'sent', 'EX', KEEP_MARKER_SECONDS);
  return 'sent';
}
