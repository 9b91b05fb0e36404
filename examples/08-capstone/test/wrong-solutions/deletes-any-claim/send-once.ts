// Wrong on purpose (test/exercise.test.ts): a failed send deletes the key whoever holds it now. If the
// claim expired mid-send and another attempt has sent since, its "sent" marker goes, and a third attempt
// sends the e-mail again.
import type { Redis } from 'ioredis';

export type Delivery = 'sent' | 'already-sent';

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
