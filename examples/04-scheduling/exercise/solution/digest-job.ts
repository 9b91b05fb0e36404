// Exercise: tie a scheduled job to the server's lifecycle. See exercise/README.md.
import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';

/** Sends the digest every `everySeconds` seconds, for as long as the server runs. */
export function digestJob(app: FastifyInstance, sendDigest: () => Promise<void>, everySeconds: number) {
  let cron: Cron | undefined;

  app.addHook('onReady', async () => {
    cron = new Cron('* * * * * *', { interval: everySeconds, protect: true }, sendDigest);
  });

  app.addHook('onClose', async () => {
    cron?.stop();
  });
}
