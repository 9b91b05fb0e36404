// A server with two in-process jobs: one on an interval, one on a cron expression.
// They start when the server is ready and stop when it closes (Ctrl-C).
import { readableLogStream } from './log-lines.ts';
import { buildApp } from './in-process/app.ts';

let cleanups = 0;
let reports = 0;
const app = buildApp(
  [
    // Like the seed's scheduler.add_job(job, 'interval', seconds=10).
    { name: 'cleanup', schedule: { everySeconds: 10 }, run: () => console.log(`[cleanup] run ${++cleanups}`) },
    // Cron expression with seconds: at second 0 of every minute.
    { name: 'report', schedule: { cron: '0 * * * * *' }, run: () => console.log(`[report] run ${++reports}`) },
  ],
  { level: 'warn', stream: readableLogStream },
);

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
console.log(`listening on ${address} — GET ${address}/jobs lists the jobs; Ctrl-C stops server and jobs`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    console.log('server closed, jobs stopped');
  });
}
