// A "poison" job crashes every worker that takes it. Retrying it forever would take the whole fleet
// down, one worker after another. BullMQ counts the stalls and fails the job after maxStalledCount.
// Needs a real Redis (worker processes die here). Run: REDIS_URL=redis://127.0.0.1:6379 npm run demo:poison
import { realRedis } from '../backend.ts';
import { spawnWorker } from '../spawn-worker.ts';
import { waitForState } from '../wait-for-state.ts';
import { FAST_STALL_CHECK_ENV, openQueue } from '../work-queue.ts';

if (!realRedis) {
  console.log('This demo needs a real Redis shared by several processes. Start one and run:');
  console.log('  REDIS_URL=redis://127.0.0.1:6379 npm run demo:poison');
  process.exit(0);
}

// Only the lines that tell the story: when a worker starts or finishes a job.
const say = (line: string) => /started|finished/.test(line) && console.log(`  ${line}`);
const { queue, close } = openQueue();
await queue.obliterate({ force: true });

const maxStalledCount = Number(FAST_STALL_CHECK_ENV.MAX_STALLED_COUNT);
console.log(`maxStalledCount = ${maxStalledCount}: a job may stall ${maxStalledCount} time, the next stall fails it`);
await queue.add('report', { ms: 100, crash: true }, { jobId: 'poison-1' });

// Like a process supervisor (systemd, Kubernetes): whenever a worker dies, start a new one.
let failed = false;
let crashes = 0;
const finalState = waitForState(queue, 'poison-1', 'failed').then((job) => ((failed = true), job));
for (let n = 1; !failed; n++) {
  const worker = spawnWorker(`worker-${n}`, FAST_STALL_CHECK_ENV, say);
  const ended = await Promise.race([worker.exited, finalState.then(() => undefined)]);
  if (ended) {
    crashes += 1;
    console.log(`  worker-${n} died (${ended.signal}); the supervisor starts another`);
  } else {
    worker.child.kill('SIGTERM'); // this one survived: the poison job was failed before it could take it
    await worker.exited;
  }
}
const job = await finalState;
console.log(`poison-1 failed after crashing ${crashes} workers: "${job.failedReason}"`);
console.log('It waits in the failed set for a person to look at, and the next worker stays up.');

await queue.obliterate({ force: true });
await close();
