// A worker process dies mid-job (SIGKILL: no catch, no finally, no goodbye). Its job is not lost:
// the job's lock in Redis expires, another worker's stalled-job check finds it and runs it again.
// Needs a real Redis: the in-memory one lives inside a process, and would die with it.
// Run: REDIS_URL=redis://127.0.0.1:6379 npm run demo:crash
import { realRedis } from '../backend.ts';
import { spawnWorker } from '../spawn-worker.ts';
import { waitForState } from '../wait-for-state.ts';
import { FAST_STALL_CHECK_ENV, openQueue } from '../work-queue.ts';

if (!realRedis) {
  console.log('This demo needs a real Redis shared by several processes. Start one and run:');
  console.log('  REDIS_URL=redis://127.0.0.1:6379 npm run demo:crash');
  process.exit(0);
}

// Notice a dead worker within about a second instead of BullMQ's production default of ~30 s.
const fastStallCheck = FAST_STALL_CHECK_ENV;
const say = (line: string) => console.log(`  ${line}`);

const { queue, close } = openQueue();
await queue.obliterate({ force: true });

console.log('1. worker-1 takes a 1 s job');
const first = spawnWorker('worker-1', fastStallCheck, say);
await first.waitFor('ready');
await queue.add('report', { ms: 1000 }, { jobId: 'report-1' });
await first.waitFor('started report-1');

console.log('2. SIGKILL worker-1 in the middle of report-1');
first.child.kill('SIGKILL');
say(`worker-1 ended by ${(await first.exited).signal}`);
say(`report-1 is still "${await (await queue.getJob('report-1'))?.getState()}" in Redis, but nobody works on it`);

console.log('3. worker-2 runs (already, or started by a supervisor)');
const second = spawnWorker('worker-2', fastStallCheck, say);

console.log("4. report-1's lock expires; worker-2's stalled-job check puts it back in the queue and runs it");
const job = await waitForState(queue, 'report-1', 'completed');
say(`report-1 completed by ${job.returnvalue.worker}; it stalled ${job.stalledCounter} time and was not lost`);

second.child.kill('SIGTERM');
await second.exited;
await queue.obliterate({ force: true });
await close();
