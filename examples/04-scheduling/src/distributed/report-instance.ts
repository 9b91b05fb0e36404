// One "server instance": it upserts the schedules on startup (every instance does) and runs a worker.
import { createConnection } from '@async-lab/memory-redis';
import { Queue, Worker, type Job } from 'bullmq';
import { upsertReportSchedules, type ReportSchedule } from './report-schedules.ts';

export interface ReportInstance {
  queue: Queue;
  worker: Worker;
  close: () => Promise<void>;
}

export async function startReportInstance(
  queueName: string,
  schedule: ReportSchedule,
  onJob: (job: Job) => void | Promise<void>,
): Promise<ReportInstance> {
  const connection = createConnection();
  const queue = new Queue(queueName, { connection });
  await upsertReportSchedules(queue, schedule);
  const worker = new Worker(queueName, async (job) => onJob(job), { connection });

  return {
    queue,
    worker,
    async close() {
      await worker.close();
      await queue.close();
      await connection.quit(); // BullMQ leaves connections it was given open
    },
  };
}
