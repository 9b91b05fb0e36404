// The same request can arrive twice: a client retries after a timeout, a user double-clicks.
// Give the job an id derived from what it is about ("charge-order-42"): BullMQ adds a job with an
// id it already has only once, so the work runs once. Run: npm run demo:idempotency
import { Queue, Worker } from 'bullmq';
import { describeBackend } from '../backend.ts';
import { connect } from '../connection.ts';
import { prefix } from '../work-queue.ts';

interface Charge {
  order: string;
}

console.log(`Redis: ${describeBackend()}`);
const connection = connect();
const payments = new Queue<Charge>('payments', { connection, prefix });
await payments.obliterate({ force: true });

const charged: string[] = [];
const workerConnection = connect();
const worker = new Worker<Charge>('payments', async (job) => void charged.push(job.data.order), {
  connection: workerConnection,
  prefix,
  autorun: false, // started in step 2, so step 1 can show the queue's content
});
const jobCount = () => payments.getJobCountByTypes('waiting', 'active', 'completed');
const completed = async (count: number) => {
  while ((await payments.getCompletedCount()) < count) await new Promise((resolve) => setTimeout(resolve, 20));
};

console.log('1. "Charge order 42" arrives, then arrives again (the client retried)');
await payments.add('charge', { order: '42' }, { jobId: 'charge-order-42' });
await payments.add('charge', { order: '42' }, { jobId: 'charge-order-42' });
console.log(`   jobs in the queue: ${await jobCount()} (the second add found the id and changed nothing)`);

console.log('2. The worker runs');
void worker.run();
await completed(1);
console.log(`   order 42 charged ${charged.length} time`);

console.log('3. The same request a third time, after the job completed');
await payments.add('charge', { order: '42' }, { jobId: 'charge-order-42' });
await new Promise((resolve) => setTimeout(resolve, 200));
console.log(`   jobs: ${await jobCount()}, order 42 charged ${charged.length} time (the completed job keeps its id)`);

console.log('4. Without a jobId, every add is a new job');
await payments.add('charge', { order: '43' });
await payments.add('charge', { order: '43' });
await completed(3);
console.log(`   order 43 charged ${charged.filter((order) => order === '43').length} times`);

await worker.close();
await payments.obliterate({ force: true });
await payments.close();
await Promise.all([connection.quit(), workerConnection.quit()]);
