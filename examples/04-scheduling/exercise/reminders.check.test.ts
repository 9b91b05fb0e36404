// Checks exercise/<EXERCISE_DIR>/reminders.ts (starter by default) with real BullMQ job schedulers and a worker,
// on the in-memory Redis (or REDIS_URL). Run: npm run check:reminders
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { say } from '@async-lab/course-tools/say';
import { createConnection } from '@async-lab/memory-redis';
import { Queue, Worker, type Job } from 'bullmq';
import type { Reminder } from './solution/reminders.ts';

const { scheduleReminders } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/reminders.ts`
)) as typeof import('./solution/reminders.ts');

const connection = createConnection();
const closeLater: Array<{ close(): Promise<void> }> = [];
after(async () => {
  for (const closable of closeLater.reverse()) await closable.close();
  await connection.quit();
});

// A fresh queue with a worker that notes every reminder it sends, and when it was due.
function reminderQueue() {
  const queue = new Queue<Reminder>(`exercise-reminders-${randomUUID()}`, { connection });
  const sent: { userId: string; dueAt: number }[] = [];
  const worker = new Worker<Reminder>(
    queue.name,
    async (job: Job<Reminder>) =>
      void sent.push({ userId: job.data.userId, dueAt: job.timestamp + (job.opts.delay ?? 0) }),
    { connection },
  );
  closeLater.push(queue, worker);
  return { queue, sent };
}

describe('scheduleReminders', () => {
  it(
    say('keeps one scheduler per user, however often it is called', '不管调用几次，每个用户只有一个调度器'),
    async () => {
      const { queue } = reminderQueue();
      for (let i = 0; i < 3; i++) await scheduleReminders(queue, 'ada', { everyMs: 60_000, times: 7 });
      await scheduleReminders(queue, 'bob', { everyMs: 60_000, times: 7 });
      assert.equal(
        await queue.getJobSchedulersCount(),
        2,
        say(
          'job schedulers after three calls for ada and one for bob',
          '为 ada 调用三次、为 bob 调用一次之后的调度器数量',
        ),
      );
    },
  );

  it(
    say('sends `times` reminders, to the right user, then stops', '发送 `times` 次提醒、发给正确的用户，然后停止'),
    async () => {
      const { queue, sent } = reminderQueue();
      await scheduleReminders(queue, 'ada', { everyMs: 100, times: 3 });
      for (let waited = 0; waited < 4000 && sent.length < 3; waited += 50) await sleep(50);
      await sleep(800); // eight more intervals: time for reminders that should not come
      // Past the third, how many more came depends on the machine's speed: say "and more", not how many.
      const users = sent.map((reminder) => reminder.userId);
      assert.deepEqual(
        users.length > 3 ? [...users.slice(0, 3), say('…and more', '……还有更多')] : users,
        ['ada', 'ada', 'ada'],
        say(
          'reminders sent with times: 3, every 100 ms, within 0.8 s after the third',
          'times: 3、每 100 毫秒一次时发出的提醒（第三次之后再等 0.8 秒）',
        ),
      );
    },
  );

  it(say('stops scheduling reminders at `until`', '到 `until` 就不再安排提醒'), async () => {
    const { queue, sent } = reminderQueue();
    const until = new Date(Date.now() + 600);
    await scheduleReminders(queue, 'bob', { everyMs: 100, until });
    await sleep(until.getTime() - Date.now() + 800);
    assert.ok(
      sent.length > 0,
      say('reminders before the end date: none were sent', '截止时间之前的提醒：一次也没有发'),
    );
    // BullMQ stops scheduling once `until` has passed: the reminder it scheduled just before may fall due up to
    // one interval later. Anything later than that means the scheduler has no end date.
    // How many came late depends on the machine's speed: say whether any did, not how many.
    const late = sent.some((reminder) => reminder.dueAt > until.getTime() + 100);
    assert.equal(
      late ? say('some', '有') : say('none', '没有'),
      say('none', '没有'),
      say(
        'reminders due more than one interval (100 ms) after the end date',
        '截止时间过后超过一个间隔（100 毫秒）才到期的提醒',
      ),
    );
  });
});
