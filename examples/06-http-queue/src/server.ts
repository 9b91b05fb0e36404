// `npm start`: the API and a worker in one process — the simplest way to run it, fine for a demo.
// For production-like setups run them apart: `npm run api` and `npm run worker` (needs a real Redis).
import { createConnection } from '@async-lab/memory-redis';
import { createAddQueue } from './add-queue.ts';
import { createAddWorker } from './add-worker.ts';
import { buildApp } from './app.ts';

const connection = createConnection();
const queue = createAddQueue(connection);
const worker = createAddWorker(connection);
worker.on('completed', (job, result) =>
  console.log(`worker: task ${job.id} add(${job.data.x}, ${job.data.y}) = ${result}`),
);
const app = buildApp(queue);

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
console.log(`listening on ${address}`);
console.log(`try: curl -X POST ${address}/add -H 'content-type: application/json' -d '{"x": 2, "y": 3}'`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close(); // stop taking requests first, then let the worker finish its job
    await worker.close();
    await queue.close();
    await connection.quit();
    console.log('stopped');
  });
}
