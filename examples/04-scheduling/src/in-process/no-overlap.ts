// A job that takes 2.5 s, scheduled every second. With croner's `protect`, a tick that comes while
// the previous run is still busy is skipped instead of starting a second, overlapping run.
import { setTimeout as sleep } from 'node:timers/promises';
import { readableLogStream } from '../log-lines.ts';
import { buildApp } from './app.ts';

let started = 0;
let running = 0;
let mostAtOnce = 0;

async function slowReport() {
  const run = ++started;
  mostAtOnce = Math.max(mostAtOnce, ++running);
  console.log(`[report] run ${run} started`);
  await sleep(2500);
  running--;
  console.log(`[report] run ${run} finished`);
}

const app = buildApp([{ name: 'report', schedule: { cron: '* * * * * *' }, run: slowReport }], {
  level: 'warn',
  stream: readableLogStream,
});
await app.ready();

while (started < 2 || running > 0) await sleep(50);
await app.close();
console.log(`runs: ${started}, most runs at the same time: ${mostAtOnce}`);
