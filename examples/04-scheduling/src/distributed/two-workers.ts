// Two instances, each upserting the same job schedulers and running a worker: every tick becomes
// ONE job in Redis, and exactly one worker takes it. Compare `npm run two-croners`.
import { startReportInstance } from './report-instance.ts';

const queueName = 'reports';
const handled: Array<{ jobId: string; by: string }> = [];

const instances = await Promise.all(
  ['A', 'B'].map((name) =>
    startReportInstance(queueName, { everyMs: 1000 }, (job) => {
      if (job.name === 'heartbeat-report') handled.push({ jobId: job.id ?? '?', by: name });
    }),
  ),
);
const [first] = instances;
console.log(
  `2 instances each upserted 2 schedules → ${await first!.queue.getJobSchedulersCount()} job schedulers in Redis`,
);

const nightly = await first!.queue.getJobScheduler('nightly-cleanup');
console.log(
  `nightly-cleanup: pattern "${nightly?.pattern}" (${nightly?.tz}), next run at ${new Date(nightly?.next ?? 0).toISOString().slice(11, 16)} UTC`,
);

// Wait for three ticks. Job ids end in the tick's scheduled time: repeat:heartbeat-report:<ms>.
const tickOf = (jobId: string) => Number(jobId.split(':').pop());
const ticks = () => [...new Set(handled.map((h) => h.jobId))];
while (ticks().length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
await new Promise((resolve) => setTimeout(resolve, 200)); // time for a duplicate, if there were one

ticks()
  .slice(0, 3)
  .forEach((jobId, i, all) => {
    const times = handled.filter((h) => h.jobId === jobId).length;
    const gap =
      i === 0 ? 'first tick' : `${((tickOf(jobId) - tickOf(all[i - 1]!)) / 1000).toFixed(1)} s after the previous one`;
    console.log(`tick ${i + 1} (${gap}): 1 job, handled ${times} time${times === 1 ? '' : 's'}`);
  });
console.log('Both workers were listening, yet every tick ran once: the schedule lives in Redis, not in each process.');

await Promise.all(instances.map((instance) => instance.worker.close()));
await first!.queue.obliterate({ force: true }); // leave Redis clean for the next run
await Promise.all(instances.map((instance) => instance.close()));
