// Checks exercise/<EXERCISE_DIR>/order-flow.ts (starter by default) with a real BullMQ flow and workers, on the
// in-memory Redis (or REDIS_URL). Run: npm run check:order-flow
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { say } from '@async-lab/course-tools/say';
import { FlowProducer, Queue, Worker, type Job } from 'bullmq';
import { connect } from '../src/connection.ts';

const { addOrderFlow, noticeFor, NOTICES, PAYMENTS } = (await import(
  `./${process.env.EXERCISE_DIR ?? 'starter'}/order-flow.ts`
)) as typeof import('./solution/order-flow.ts');

const connection = connect();
const prefix = `exercise-${randomUUID()}`; // its own keys, so the queue names may stay as the exercise has them
const flows = new FlowProducer({ connection, prefix });
const notices = new Queue(NOTICES, { connection, prefix });
// The card service: declines an order's first `declines` attempts, then charges it.
const declines = new Map<string, number>();
const attempts = new Map<string, number>();
const payments = new Worker(
  PAYMENTS,
  async (job: Job<{ id: string }>) => {
    const tried = (attempts.get(job.data.id) ?? 0) + 1;
    attempts.set(job.data.id, tried);
    if (tried <= (declines.get(job.data.id) ?? 0)) throw new Error('card declined');
    return `r-${job.data.id}`;
  },
  { connection, prefix },
);
const noticeWorker = new Worker(NOTICES, noticeFor, { connection, prefix });
after(async () => {
  await noticeWorker.close();
  await payments.close();
  await notices.close();
  await flows.close();
  await connection.quit();
});

// Adds an order that the card service declines `declineTimes` times; waits (up to 5 s) for its notice job to end.
async function order(id: string, declineTimes: number) {
  declines.set(id, declineTimes);
  await addOrderFlow(flows, { id, amount: 42 });
  const [notice] = await notices.getJobs(['waiting-children', 'waiting', 'active', 'completed', 'failed']);
  for (let waited = 0; waited < 5000; waited += 50) {
    const state = await notice!.getState();
    if (state === 'completed' || state === 'failed') break;
    await sleep(50);
  }
  const stored = (await notices.getJob(notice!.id!))!;
  const outcome = { state: await stored.getState(), message: stored.returnvalue, tries: attempts.get(id) ?? 0 };
  await notices.obliterate({ force: true }); // the next check finds its own notice job
  return outcome;
}

describe('an order flow', () => {
  it(say('charges the card, then tells the customer it is paid', '先扣款，再告诉顾客已付款'), async () => {
    const run = await order('o-1', 0);
    assert.equal(run.state, 'completed', say('state of the notice job', '通知任务的状态'));
    assert.equal(run.message, 'Order o-1 is paid (receipt r-o-1).', say('the notice', '通知内容'));
  });

  it(say('retries a declined charge: 3 tries in all', '扣款被拒后重试：总共 3 次'), async () => {
    const run = await order('o-2', 2);
    assert.equal(run.tries, 3, say('charge attempts for a card declined twice', '被拒两次的卡的扣款次数'));
    assert.equal(run.message, 'Order o-2 is paid (receipt r-o-2).', say('the notice', '通知内容'));
  });

  it(
    say(
      'still sends a notice when the charge fails for good, with the reason',
      '扣款最终失败时仍然发送通知，并说明原因',
    ),
    async () => {
      const run = await order('o-3', 99);
      assert.equal(
        run.state,
        'completed',
        say('state of the notice job after the charge failed for good', '扣款最终失败后通知任务的状态'),
      );
      assert.match(String(run.message), /card declined/, say('the notice should give the reason', '通知应该说明原因'));
      assert.doesNotMatch(
        String(run.message),
        /is paid/,
        say('the notice must not say it is paid', '通知不能说已付款'),
      );
    },
  );
});
