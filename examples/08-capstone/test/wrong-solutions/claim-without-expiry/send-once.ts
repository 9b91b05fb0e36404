// Wrong on purpose (test/exercise.test.ts): the claim has no expiry. A worker that dies mid-send leaves
// "sending" behind for ever, and every retry throws: the e-mail is never sent.
import type { Redis } from 'ioredis';

export type Delivery = 'sent' | 'already-sent';

const KEEP_MARKER_SECONDS = 7 * 24 * 3600;

export async function sendOnce(redis: Redis, key: string, send: () => Promise<void>): Promise<Delivery> {
  const claimed = await redis.set(key, 'sending', 'NX');
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
