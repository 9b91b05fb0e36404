// Wrong on purpose (test/exercise.test.ts): stopped on close, but started when the function is called,
// before the server is ready (tests and scripts that never start it get digests too).
import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';

/** Sends the digest every `everySeconds` seconds, for as long as the server runs. */
export function digestJob(app: FastifyInstance, sendDigest: () => Promise<void>, everySeconds: number) {
  const cron = new Cron('* * * * * *', { interval: everySeconds, protect: true }, sendDigest);

  app.addHook('onClose', async () => {
    cron.stop();
  });
}
