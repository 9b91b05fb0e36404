// Exercise: tie a scheduled job to the server's lifecycle. See exercise/README.md.
import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';

/** Sends the digest every `everySeconds` seconds, for as long as the server runs. */
export function digestJob(app: FastifyInstance, sendDigest: () => Promise<void>, everySeconds: number) {
  // TODO 1: this starts the job the moment digestJob() is called, even if the server never starts.
  //         Create the Cron inside an onReady hook instead: app.addHook('onReady', async () => { … }).
  // TODO 2: stop the job when the server closes: an onClose hook that calls cron.stop().
  // TODO 3: a slow digest must not overlap the next one: turn on croner's overrun protection.
  new Cron('* * * * * *', { interval: everySeconds }, sendDigest);
}
