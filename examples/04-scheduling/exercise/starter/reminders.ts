// Exercise: reminders that stop by themselves. See exercise/README.md.
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
  // TODO 1: one scheduler per user. A new id on every call adds a new scheduler (and more reminders) each time
  //         the user signs up again or the server restarts; an id made from the userId is updated instead.
  // TODO 2: the reminders never stop. Give the scheduler an end: `limit` (a number of jobs) from plan.times,
  //         `endDate` from plan.until.
  await queue.upsertJobScheduler(
    `reminders-${Date.now()}`,
    { every: plan.everyMs },
    { name: 'reminder', data: { userId } },
  );
}
