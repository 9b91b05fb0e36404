// The API in this process, the worker in another: they meet only in Redis, so this needs a real one.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { createConnection } from '@async-lab/memory-redis';
import { createAddQueue } from './add-queue.ts';
import { buildApp } from './app.ts';

if (!process.env.REDIS_URL) {
  console.error('This demo needs a real Redis: each process has its own in-memory Redis, so a worker in');
  console.error('another process would never see the job. Start redis-server, then run:');
  console.error('  REDIS_URL=redis://127.0.0.1:6379 npm run demo:two-processes');
  process.exit(1);
}

// Start `npm run worker` as a child process and echo what it prints, line by line.
const child = spawn(process.execPath, ['src/worker.ts'], { stdio: ['ignore', 'pipe', 'inherit'] });
const workerLines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
async function waitForWorker(text: string): Promise<void> {
  for (;;) {
    const line = await workerLines.next();
    if (line.done) throw new Error(`the worker process exited before printing "${text}"`);
    console.log(`  [worker process] ${line.value}`);
    if (line.value.includes(text)) return;
  }
}
await waitForWorker('waiting for jobs');

const connection = createConnection();
const queue = createAddQueue(connection);
const app = buildApp(queue);
const response = await app.inject({ method: 'POST', url: '/add', payload: { x: 2, y: 3 } });
const { taskId } = response.json<{ taskId: string }>();
console.log(`[api process] POST /add {"x":2,"y":3} → ${response.statusCode} ${response.body}`);

await waitForWorker(`task ${taskId}:`);
const job = await queue.getJob(taskId);
console.log(`[api process] task ${taskId} in Redis: ${await job?.getState()}, result ${job?.returnvalue}`);

child.kill('SIGTERM'); // the worker finishes what it is doing, then exits
await waitForWorker('worker stopped');
await app.close();
await queue.close();
await connection.quit();
