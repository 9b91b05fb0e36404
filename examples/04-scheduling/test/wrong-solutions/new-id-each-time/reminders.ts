// Wrong on purpose (test/exercise.test.ts): ends well, but a new scheduler id on every call: a user who is
// scheduled twice gets two schedulers, and twice the reminders.
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
    `reminders-${userId}-${Date.now()}-${Math.random()}`,
    { every: plan.everyMs, limit: plan.times, endDate: plan.until }, // whichever end the plan gives
    { name: 'reminder', data: { userId } },
  );
}
