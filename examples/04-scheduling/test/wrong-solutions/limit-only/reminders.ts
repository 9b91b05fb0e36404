// Wrong on purpose (test/exercise.test.ts): honours `times` but not `until`.
import type { Queue } from 'bullmq';

export interface Reminder {
  userId: string;
}

export interface ReminderPlan {
  /** Milliseconds between two reminders. */
  everyMs: number;
  /** How many reminders in all (for example 7 for a week of daily tips). */
  times?: number;
  /** No reminder after this moment. */
  until?: Date;
}

/** Reminds `userId` every `plan.everyMs`, and stops after `plan.times` reminders or at `plan.until`. */
export async function scheduleReminders(queue: Queue<Reminder>, userId: string, plan: ReminderPlan): Promise<void> {
  await queue.upsertJobScheduler(
    `reminders-${userId}`, // the same user, the same scheduler: calling again updates it
    { every: plan.everyMs, limit: plan.times },
    { name: 'reminder', data: { userId } },
  );
}
