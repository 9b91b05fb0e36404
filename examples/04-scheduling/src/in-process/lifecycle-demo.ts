// Jobs start when the server is ready and stop when it closes: no run after app.close().
import { setTimeout as sleep } from 'node:timers/promises';
import { readableLogStream } from '../log-lines.ts';
import { buildApp } from './app.ts';

let runs = 0;
const app = buildApp(
  [{ name: 'heartbeat', schedule: { everySeconds: 1 }, run: () => console.log(`[heartbeat] run ${++runs}`) }],
  { level: 'warn', stream: readableLogStream },
);

console.log(`before ready: ${runs} runs`);
await app.ready(); // onReady: the scheduler starts
const [job] = (await app.inject('/jobs')).json<Array<{ name: string; schedule: object }>>();
console.log(`scheduled: ${job?.name} ${JSON.stringify(job?.schedule)}`);

while (runs < 3) await sleep(50);
await app.close(); // onClose: the scheduler stops
console.log('server closed');

await sleep(2500);
console.log(`2.5 s after close: still ${runs} runs`);
