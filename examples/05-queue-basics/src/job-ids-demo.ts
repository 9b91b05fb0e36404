// Your own job id: `jobId` instead of BullMQ's counter. Adding a job whose id exists adds nothing (lesson 9
// builds idempotency on that). Two rules: no ":" (it separates the parts of BullMQ's Redis keys) and not an
// integer (those are the counter's: your "42" would collide with BullMQ's job 42).
import { createConnection } from '@async-lab/memory-redis';
import { Queue } from 'bullmq';

const connection = createConnection();
const queue = new Queue('shipping', { connection });

for (const jobId of ['order-42', 'order-42', 'order:42', '42']) {
  try {
    const job = await queue.add('ship', { order: 42 }, { jobId });
    console.log(`jobId "${jobId}" → job ${job.id}, ${await queue.count()} job(s) in the queue`);
  } catch (error) {
    console.log(`jobId "${jobId}" → refused: ${(error as Error).message}`);
  }
}

await queue.close();
await connection.quit();
