// Without SMTP_URL, mail lands as .eml files a learner can open; re-sending a message overwrites it.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { failureMail } from '../src/mail/compose.ts';
import { createOutboxMailer, mailerFromEnv } from '../src/mail/mailer.ts';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'outbox-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

it('writes each message as an .eml file named after its Message-ID', async () => {
  const mailer = createOutboxMailer(folder);
  const mail = failureMail('analysis-7', 'ada@example.com', 'the model was down');
  await mailer.send(mail);
  await mailer.send(mail);

  expect(await readdir(folder)).toEqual(['analysis-7.failure.eml']);
  const parsed = await simpleParser(await readFile(join(folder, 'analysis-7.failure.eml')));
  expect(parsed.subject).toBe('Your analysis analysis-7 failed');
  expect(parsed.to).toMatchObject({ text: 'ada@example.com' });
  expect(parsed.text).toContain('What went wrong: the model was down');
});

it('uses SMTP when SMTP_URL is set, the outbox otherwise', () => {
  expect(mailerFromEnv({ SMTP_URL: 'smtp://127.0.0.1:2525' }).destination).toBe('smtp://127.0.0.1:2525');
  expect(mailerFromEnv({ OUTBOX_DIR: folder }).destination).toBe(folder);
});
