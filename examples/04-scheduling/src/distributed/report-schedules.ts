// The schedules live in Redis, not in any one process: upserting the same id twice keeps one scheduler.
import type { Queue } from 'bullmq';

export interface ReportSchedule {
  /** Milliseconds between heartbeat reports (BullMQ's `every`, APScheduler's 'interval'). */
  everyMs: number;
}

export async function upsertReportSchedules(queue: Queue, { everyMs }: ReportSchedule) {
  // Fixed interval.
  await queue.upsertJobScheduler('heartbeat-report', { every: everyMs }, { name: 'heartbeat-report' });
  // Cron expression: every night at 03:00 UTC.
  await queue.upsertJobScheduler(
    'nightly-cleanup',
    { pattern: '0 3 * * *', tz: 'UTC' },
    { name: 'nightly-cleanup', data: { olderThanDays: 30 } },
  );
}
