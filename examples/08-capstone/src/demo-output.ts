// Printing helpers for demo.ts: Server-Sent Events as one line each, and an e-mail from the outbox.
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { DEFAULT_OUTBOX, outboxFileName } from './mail/mailer.ts';

export async function printEvents(response: Response) {
  const text = await response.text();
  for (const block of text.split('\n\n').filter((b) => b.trim() !== '')) {
    const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
    const data = JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}');
    console.log(`   event: ${event.padEnd(9)} ${normalise(describeEvent(event, data))}`);
  }
}

function describeEvent(event: string, data: Record<string, any>): string {
  if (event === 'snapshot') return `status ${data.status}, ${data.progress.done}/${data.progress.total} rows done`;
  if (event === 'progress') return `${data.progress.done}/${data.progress.total} rows done`;
  if (event === 'completed')
    return `${data.summary.positive} positive, ${data.summary.negative} negative, ${data.summary.neutral} neutral`;
  if (event === 'failed') return data.error;
  return `e-mail ${data.notification}`;
}

/** Shows To, Subject and the body of an outboxed message (the Date and other headers change every run). */
export async function printMail(messageId: string) {
  if (process.env.SMTP_URL) return console.log(`   sent to ${process.env.SMTP_URL}; look in that server's inbox`);
  const file = join(process.env.OUTBOX_DIR ?? DEFAULT_OUTBOX, outboxFileName(messageId));
  const raw = await readFile(file, 'utf8');
  const split = raw.indexOf('\n\n');
  const headers = raw.slice(0, split).replace(/\n\s+/g, ' ').split('\n');
  const body = headers.includes('Content-Transfer-Encoding: quoted-printable')
    ? decodeQuotedPrintable(raw.slice(split + 2))
    : raw.slice(split + 2);
  console.log(`   written to ${relative(process.cwd(), file)}`);
  for (const line of headers.filter((h) => /^(To|Subject):/.test(h))) console.log(`   ${line}`);
  for (const line of body.trimEnd().split('\n')) console.log(`   | ${normalise(line)}`);
}

/** Long lines make nodemailer encode the body as quoted-printable (soft breaks "=", bytes "=E2"). */
function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The broken model listens on a random port; hide it so the output is the same every run. */
function normalise(line: string): string {
  return line.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
}
