// Sends mail through SMTP_URL when it is set; otherwise writes each message as an .eml file into a
// local outbox folder, which any mail program (or a text editor) can open.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTransport } from 'nodemailer';
import type { Mail } from './compose.ts';

export interface Mailer {
  /** Where mail goes, for logs: "smtp://127.0.0.1:2525" or "outbox/". */
  readonly destination: string;
  send(mail: Mail): Promise<void>;
  close(): void;
}

const FROM = process.env.MAIL_FROM ?? 'Async Lab <noreply@async-lab.localhost>';
export const DEFAULT_OUTBOX = fileURLToPath(new URL('../../outbox/', import.meta.url));

export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer {
  return env.SMTP_URL ? createSmtpMailer(env.SMTP_URL) : createOutboxMailer(env.OUTBOX_DIR ?? DEFAULT_OUTBOX);
}

/**
 * How long the SMTP transport waits before it gives up: well below sendOnce's 60 s claim, so a server that
 * hangs cannot keep a send going after its claim expired (nodemailer's defaults are 2 min to connect and
 * 10 min of an idle socket). connectionTimeout covers DNS, connecting and the greeting; socketTimeout is
 * the longest silence allowed once connected.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function createSmtpMailer(smtpUrl: string, timeouts = SMTP_TIMEOUTS): Mailer {
  const transport = createTransport({ url: smtpUrl, ...timeouts });
  const { protocol, host } = new URL(smtpUrl); // never log the password part of the URL
  return {
    destination: `${protocol}//${host}`,
    async send(mail) {
      await transport.sendMail({ from: FROM, ...mail });
    },
    close: () => transport.close(),
  };
}

export function createOutboxMailer(folder: string): Mailer {
  const transport = createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    destination: folder,
    async send(mail) {
      const info = await transport.sendMail({ from: FROM, ...mail });
      await mkdir(folder, { recursive: true });
      // One file per Message-ID: sending the same message again overwrites it instead of adding a copy.
      await writeFile(join(folder, outboxFileName(mail.messageId)), info.message as Buffer);
    },
    close: () => transport.close(),
  };
}

/** `<analysis-1.result@async-lab.localhost>` → `analysis-1.result.eml` */
export function outboxFileName(messageId: string): string {
  return `${messageId.replace(/^<|@.*$/g, '')}.eml`;
}
