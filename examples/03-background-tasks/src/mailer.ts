// A pretend mail server: sending takes a while, and some addresses bounce.
// (The capstone sends real SMTP; here the point is *when* the sending happens.)
import { setTimeout as sleep } from 'node:timers/promises';

export interface SentEmail {
  to: string;
  subject: string;
}

export interface Mailer {
  send(to: string, subject: string): Promise<void>;
  outbox: SentEmail[];
}

export function createMailer({ delayMs = 1000, print = false } = {}): Mailer {
  const outbox: SentEmail[] = [];
  return {
    outbox,
    async send(to, subject) {
      await sleep(delayMs);
      if (to.endsWith('@bounce.example')) throw new Error(`mailbox ${to} does not exist`);
      outbox.push({ to, subject });
      if (print) console.log(`[mailer] sent "${subject}" to ${to}`);
    },
  };
}
