// Redis goes down while an API and a worker are running. The API's queue fails fast and answers 503; a
// queue with a worker's settings makes its caller wait. When Redis is back, the worker carries on by itself.
// Run: npm run demo:redis-down (in memory: a simulated outage; with REDIS_URL: a redis-server really stops)
import { Queue, Worker } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';
import { buildReportsApi } from '../api/reports-api.ts';
import { connectProducer, connectWorker } from '../connection.ts';
import { redisForOutage } from '../redis-outage.ts';
import type { ReportJob } from '../work-queue.ts';

const redis = await redisForOutage();
console.log(`Redis: ${redis.description}`);

const producer = connectProducer(redis.url); // fails fast
const queue = new Queue<ReportJob>('reports-outage', { connection: producer });
queue.on('error', () => {}); // the API answers 503 instead; a real service would log it
const app = buildReportsApi(queue);

const workerConnection = connectWorker(redis.url); // waits
const worker = new Worker<ReportJob>('reports-outage', async (job) => `report ${job.id} done`, {
  connection: workerConnection,
});
// Connection errors arrive here (again on every reconnect attempt); without a listener Node would exit.
// Which error comes first depends on timing: ECONNRESET if Redis went away in the middle of a command,
// ECONNREFUSED from the first reconnect attempt. Both mean the same here, so the demo says what they mean.
let workerNoticed: () => void;
const outageNoticed = new Promise<void>((resolve) => (workerNoticed = resolve));
let reportedOutage = false;
worker.on('error', () => {
  if (!reportedOutage) console.log('  worker: lost Redis, waiting for it (it tries to reconnect)');
  reportedOutage = true;
  workerNoticed();
});
const done = new Set<string>();
worker.on('completed', (job, result) => {
  console.log(`  worker: ${result}`);
  done.add(job.id!);
});
async function untilDone(id: string) {
  while (!done.has(id)) await sleep(20);
}
await worker.waitUntilReady();

async function postReport(): Promise<string | undefined> {
  const started = performance.now();
  const response = await app.inject({ method: 'POST', url: '/reports' });
  const took = Math.round(performance.now() - started);
  console.log(`POST /reports → ${response.statusCode} ${response.body} (${took} ms)`);
  return response.json().taskId;
}

await untilDone((await postReport())!);

console.log('— Redis goes down');
await redis.stop();
await outageNoticed;
await postReport();

// The same add() on a queue whose connection has a worker's settings: it waits for Redis.
const waitingConnection = connectWorker(redis.url);
const waitingQueue = new Queue<ReportJob>('reports-outage', { connection: waitingConnection });
waitingQueue.on('error', () => {});
const waitingAdd = waitingQueue.add('report', { ms: 50 });
const outcome = await Promise.race([waitingAdd.then((job) => `job ${job.id}`), sleep(2000, 'still waiting')]);
console.log(`add() with a worker's settings after 2 s: ${outcome}`);

console.log('— Redis is back');
await redis.start();
const late = await waitingAdd;
console.log(`the waiting add() went through: job ${late.id} (its caller may have given up long ago)`);
await untilDone(late.id!); // the worker reconnects by itself and carries on
await untilDone((await postReport())!);

await app.close();
await worker.close();
await waitingQueue.close();
await queue.close();
await Promise.all([producer.quit(), workerConnection.quit(), waitingConnection.quit()]);
await redis.close();
