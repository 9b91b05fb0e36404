// Exercise: an order as a flow: charge the card, then tell the customer how it went. See exercise/README.md.
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
        // TODO 1: a card can be declined for a moment: try the charge 3 times in all.
        // TODO 2: when the charge fails for good, the notice must still run (to say so).
        opts: {},
      },
    ],
  });
}

/** The notice job's processor: the message the customer gets. */
export async function noticeFor(job: Job<{ orderId: string }>): Promise<string> {
  const [receipt] = Object.values(await job.getChildrenValues<string>());
  // TODO 3: when the charge failed, say so, with the reason: job.getIgnoredChildrenFailures() has it.
  return `Order ${job.data.orderId} is paid (receipt ${receipt}).`;
}
