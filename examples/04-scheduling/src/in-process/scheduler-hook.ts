// Starts croner jobs when the Fastify server is ready and stops them when it closes —
// the counterpart of APScheduler started in FastAPI's startup event.
import { Cron } from 'croner';
import type { FastifyInstance } from 'fastify';

export interface ScheduledJob {
  name: string;
  /** Either a fixed interval in seconds (APScheduler's 'interval' trigger) or a cron expression. */
  schedule: { everySeconds: number } | { cron: string };
  run: () => void | Promise<void>;
}

export function useScheduler(app: FastifyInstance, jobs: ScheduledJob[]) {
  const running = new Map<string, Cron>();

  app.addHook('onReady', async () => {
    for (const job of jobs) {
      // An interval job is croner's "every second" pattern with a minimum gap of `interval` seconds.
      const pattern = 'cron' in job.schedule ? job.schedule.cron : '* * * * * *';
      const interval = 'everySeconds' in job.schedule ? job.schedule.everySeconds : undefined;
      const cron = new Cron(
        pattern,
        {
          interval,
          // No overlapping runs: while a run is still busy, the next tick is skipped (and logged).
          protect: () => app.log.warn(`job ${job.name}: tick skipped, previous run still busy`),
          // A failing run is logged with its error; the schedule carries on.
          catch: (error) => app.log.error({ err: error }, `job ${job.name} failed: ${(error as Error).message}`),
        },
        () => job.run(),
      );
      running.set(job.name, cron);
    }
  });

  app.addHook('onClose', async () => {
    for (const cron of running.values()) cron.stop();
  });

  // What is scheduled, for humans and tests.
  app.get('/jobs', async () =>
    jobs.map(({ name, schedule }) => {
      const cron = running.get(name);
      return { name, schedule, nextRun: cron?.nextRun()?.toISOString() ?? null, busy: cron?.isBusy() ?? false };
    }),
  );
}
