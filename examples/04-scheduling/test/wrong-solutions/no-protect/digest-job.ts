// Wrong on purpose (test/exercise.test.ts): tied to the lifecycle, but a slow digest overlaps the next one.
import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';

/** Sends the digest every `everySeconds` seconds, for as long as the server runs. */
export function digestJob(app: FastifyInstance, sendDigest: () => Promise<void>, everySeconds: number) {
  let cron: Cron | undefined;

  app.addHook('onReady', async () => {
    cron = new Cron('* * * * * *', { interval: everySeconds }, sendDigest);
  });

  app.addHook('onClose', async () => {
    cron?.stop();
  });
}
