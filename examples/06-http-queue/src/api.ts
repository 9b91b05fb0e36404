// `npm run api`: the API alone. It only enqueues; a separate `npm run worker` process does the work.
// Two processes share jobs only through a real Redis: start both with REDIS_URL set.
import { createConnection } from '@async-lab/memory-redis';
import { createAddQueue } from './add-queue.ts';
import { buildApp } from './app.ts';

const connection = createConnection();
const queue = createAddQueue(connection);
const app = buildApp(queue);

const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
console.log(`API listening on ${address} (no worker in this process)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await queue.close();
    await connection.quit();
    console.log('API stopped');
  });
}
