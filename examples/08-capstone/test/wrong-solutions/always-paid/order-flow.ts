// Wrong on purpose (test/exercise.test.ts): the notice runs after a failed charge, but still says "paid".
import type { FlowProducer, Job } from 'bullmq';

export const PAYMENTS = 'payments';
export const NOTICES = 'notices';

export interface Order {
  id: string;
  amount: number;
}

/** Adds the order's two jobs in one flow: "notice" (queue NOTICES) waits for its child "charge" (queue PAYMENTS). */
export async function addOrderFlow(flows: FlowProducer, order: Order): Promise<void> {
  await flows.add({
    name: 'notice',
    queueName: NOTICES,
    data: { orderId: order.id },
    children: [
      {
        name: 'charge',
        queueName: PAYMENTS,
        data: order,
        // Retried like any job; once it fails for good, the parent runs anyway instead of waiting for ever.
        opts: { attempts: 3, ignoreDependencyOnFailure: true },
      },
    ],
  });
}

/** The notice job's processor: the message the customer gets. */
export async function noticeFor(job: Job<{ orderId: string }>): Promise<string> {
  const [receipt] = Object.values(await job.getChildrenValues<string>());
  return `Order ${job.data.orderId} is paid (receipt ${receipt}).`;
}
