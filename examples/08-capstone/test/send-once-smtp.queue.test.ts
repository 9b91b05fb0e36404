// sendOnce with the real SMTP mailer against a real SMTP server: a server that takes the message and hangs
// makes the send fail at the transport's timeout, well before the claim expires, the claim is released, and
// the retry sends one e-mail.
import { randomUUID } from 'node:crypto';
import { testKey } from '@async-lab/course-tools/testing/queue-test-kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { connect } from '../src/connection.ts';
import { createSmtpMailer, SMTP_TIMEOUTS } from '../src/mail/mailer.ts';
import { CLAIM_MS, sendOnce } from '../src/mail/send-once.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

const redis = connect();
let smtp: SmtpSink;
beforeAll(async () => {
  smtp = await startSmtpSink();
});
afterAll(async () => {
  await smtp.close();
  await redis.quit();
});

const mail = () => {
  const id = randomUUID();
  return { to: 'ada@example.com', subject: 'Your analysis', text: 'Done.', messageId: `<${id}@async-lab.localhost>` };
};

it("gives up on a silent SMTP server before the claim could expire (the course's timeouts)", () => {
  // The longest a send can hang: connecting (DNS, TCP, greeting) and then one silence of a socket timeout.
  expect(SMTP_TIMEOUTS.connectionTimeout + SMTP_TIMEOUTS.socketTimeout).toBeLessThanOrEqual(CLAIM_MS / 2);
});

it('a hung server fails the send at the socket timeout; the claim is released and the retry sends once', async () => {
  // Same mailer, short timeouts so the test does not wait 20 s: what is tested is that they reach nodemailer.
  const hasty = createSmtpMailer(smtp.url, { connectionTimeout: 2_000, greetingTimeout: 2_000, socketTimeout: 300 });
  const key = testKey(`mail-sent:${randomUUID()}`);
  const message = mail();
  smtp.stallNext(1);
  const before = smtp.messages.length;
  await expect(sendOnce(redis, key, () => hasty.send(message))).rejects.toMatchObject({ code: 'ETIMEDOUT' });
  hasty.close();
  expect(await redis.get(key), 'the failed attempt released its claim').toBeNull();

  // The retry, with the course's timeouts: on a busy machine a healthy server can be silent for more than 300 ms.
  const mailer = createSmtpMailer(smtp.url);
  expect(await sendOnce(redis, key, () => mailer.send(message))).toBe('sent');
  expect(await sendOnce(redis, key, () => mailer.send(message))).toBe('already-sent');
  const received = await smtp.waitForMessages(before + 1);
  expect(received.filter((m) => m.messageId === message.messageId)).toHaveLength(1);
  mailer.close();
});
