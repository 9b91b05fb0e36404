// A real SMTP server on 127.0.0.1 that keeps every message it accepts, parsed by mailparser.
// `rejectNext(n)` makes it answer the next n messages with a temporary failure (451), as a busy server would;
// `stallNext(n)` makes it take the next n messages and never answer, as a hung server would.
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A received message, and the addresses the SMTP envelope delivered it to (RCPT TO). */
export type ReceivedMail = ParsedMail & { envelopeTo: string[] };

export interface SmtpSink {
  url: string;
  messages: ReceivedMail[];
  rejected: number;
  rejectNext(count: number): void;
  stallNext(count: number): void;
  waitForMessages(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  let toReject = 0;
  let toStall = 0;
  const sink = {
    messages: [] as ReceivedMail[],
    rejected: 0,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (mail) => {
          if (toStall > 0) {
            toStall -= 1;
            return; // never answers: the client waits until its socket timeout
          }
          if (toReject > 0) {
            toReject -= 1;
            sink.rejected += 1;
            return callback(Object.assign(new Error('Mailbox busy, try again later'), { responseCode: 451 }));
          }
          sink.messages.push(Object.assign(mail, { envelopeTo: session.envelope.rcptTo.map((to) => to.address) }));
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return Object.assign(sink, {
    url: `smtp://127.0.0.1:${port}`,
    rejectNext(count: number) {
      toReject = count;
    },
    stallNext(count: number) {
      toStall = count;
    },
    async waitForMessages(count: number, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      while (sink.messages.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} e-mails, the SMTP server got ${sink.messages.length}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      return sink.messages;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
