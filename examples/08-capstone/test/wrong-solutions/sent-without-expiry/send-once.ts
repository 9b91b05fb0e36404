// Wrong on purpose (test/exercise.test.ts): "sent" is kept for ever: one key per e-mail ever sent, piling up
// in the Redis that holds the queue.
import type { Redis } from 'ioredis';

export type Delivery = 'sent' | 'already-sent';

/** How long a claim holds if its worker dies mid-send; longer than any SMTP conversation. */
const CLAIM_MS = 60_000;

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
  await redis.set(key, 'sent');
  return 'sent';
}
