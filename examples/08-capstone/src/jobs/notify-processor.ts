// The notification job: runs once the inference child is finished, succeeded or failed for good,
// and e-mails the outcome. Sending goes through sendOnce, so running this job again does not send it again.
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import { failureMail, resultMail } from '../mail/compose.ts';
import type { Mailer } from '../mail/mailer.ts';
import { sendOnce } from '../mail/send-once.ts';
import type { AnalysisResult, NotifyData, NotifyResult } from './analysis.ts';

export function createNotifyProcessor(mailer: Mailer, redis: Redis) {
  return async function notify(job: Job<NotifyData>): Promise<NotifyResult> {
    const { analysisId, email } = job.data;
    const [result] = Object.values(await job.getChildrenValues<AnalysisResult>());
    const [failure] = Object.values(await job.getIgnoredChildrenFailures());
    const mail = result
      ? resultMail(analysisId, email, result)
      : failureMail(analysisId, email, failure ?? 'the analysis stopped without a result');

    // The marker sits beside the queue's own keys, under the same prefix (job.prefix).
    const delivery = await sendOnce(redis, `${job.prefix}:mail-sent:${mail.messageId}`, () => mailer.send(mail));
    await job.log(delivery === 'sent' ? `sent to ${mailer.destination}` : 'already sent earlier, not sending again');
    return { kind: result ? 'result' : 'failure', delivery, subject: mail.subject };
  };
}
