// A user edits their profile several times in a row; each edit asks for the search index to be rebuilt.
// One rebuild is enough: BullMQ's `deduplication` option decides which edits add a job. Three modes.
import { createConnection } from '@async-lab/memory-redis';
import { Queue, QueueEvents, Worker, type Job, type JobsOptions } from 'bullmq';
import { setTimeout as sleep } from 'node:timers/promises';

const connection = createConnection();
const queue = new Queue('search-index', { connection });
const queueEvents = new QueueEvents('search-index', { connection });
await queueEvents.waitUntilReady();
const worker = new Worker('search-index', async (job) => `indexed "${job.data.bio}"`, { connection });

let previous: Job | undefined;
async function edit(bio: string, options: JobsOptions) {
  const job = await queue.add('reindex', { bio }, options);
  let outcome = '';
  if (job.id === previous?.id) outcome = ' (deduplicated: no new job)';
  else if (previous && !(await queue.getJob(previous.id!))) outcome = ` (replaces job ${previous.id})`;
  console.log(`  edit ${`"${bio}"`.padEnd(15)} → job ${job.id}${outcome}`);
  previous = job;
  return job;
}
async function ran(job: Job) {
  console.log(`  job ${job.id} ran: ${await job.waitUntilFinished(queueEvents)}`);
}

console.log('simple: one job until it has finished');
await worker.pause(); // the edits arrive while the first job still waits
const ada = await edit('Ada', { deduplication: { id: 'user-7' } });
await edit('Ada L.', { deduplication: { id: 'user-7' } });
worker.resume();
await ran(ada);
await ran(await edit('Ada Lovelace', { deduplication: { id: 'user-7' } }));

console.log('throttle (ttl: 2000): one job per 2 seconds, finished or not');
const grace = await edit('Grace', { deduplication: { id: 'user-8', ttl: 2000 } });
await ran(grace);
await edit('Grace H.', { deduplication: { id: 'user-8', ttl: 2000 } });
await sleep(2000); // the ttl has run out
await ran(await edit('Grace Hopper', { deduplication: { id: 'user-8', ttl: 2000 } }));

console.log('debounce (delay, ttl, extend, replace): only the last edit of a burst runs');
const debounce = { delay: 1000, deduplication: { id: 'user-9', ttl: 1000, extend: true, replace: true } };
await edit('Alan', debounce);
await edit('Alan T.', debounce);
await ran(await edit('Alan Turing', debounce));

await worker.close();
await queueEvents.close();
await queue.close();
await connection.quit();
