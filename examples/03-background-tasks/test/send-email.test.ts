import { describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { Mailer } from '../src/mailer.ts';

// A mailer the test controls: send() waits until the test calls release().
function gatedMailer() {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const mailer: Mailer = {
    outbox: [],
    async send(to, subject) {
      await gate;
      if (to.endsWith('@bounce.example')) throw new Error(`mailbox ${to} does not exist`);
      mailer.outbox.push({ to, subject });
    },
  };
  return { mailer, release };
}

function logCollector() {
  const lines: Array<{ level: number; msg: string; task?: string; err?: { message: string } }> = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line)) } };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('POST /send-email', () => {
  it('answers 202 at once; the e-mail is sent after the response', async () => {
    const { mailer, release } = gatedMailer();
    const app = buildApp(mailer, false);
    const response = await app.inject({ method: 'POST', url: '/send-email', payload: { email: 'ada@example.com' } });
    expect(response.statusCode).toBe(202);
    expect(response.json()).toEqual({ msg: 'sending e-mail', to: 'ada@example.com' });
    expect(mailer.outbox).toEqual([]); // answered while the mail server is still busy

    release();
    await until(() => mailer.outbox.length === 1);
    expect(mailer.outbox).toEqual([{ to: 'ada@example.com', subject: 'Welcome to Async Lab' }]);
    await app.close();
  });

  it('logs a failing task with the task name and its error', async () => {
    const { mailer, release } = gatedMailer();
    const log = logCollector();
    const app = buildApp(mailer, { level: 'error', stream: log.stream });
    const response = await app.inject({
      method: 'POST',
      url: '/send-email',
      payload: { email: 'nobody@bounce.example' },
    });
    expect(response.statusCode).toBe(202);

    release();
    await until(() => log.lines.length > 0);
    expect(log.lines[0]).toMatchObject({
      level: 50,
      task: 'sendWelcomeEmail',
      msg: 'background task sendWelcomeEmail failed: mailbox nobody@bounce.example does not exist',
      err: { message: 'mailbox nobody@bounce.example does not exist' },
    });
    await app.close();
  });

  it.each([
    [{ email: 'not-an-address' }, 'body/email must match format "email"'],
    [{}, "body must have required property 'email'"],
  ])('rejects %j with 400 and queues nothing', async (payload, message) => {
    const { mailer, release } = gatedMailer();
    const app = buildApp(mailer, false);
    const response = await app.inject({ method: 'POST', url: '/send-email', payload });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ message });
    release();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(mailer.outbox).toEqual([]);
    await app.close();
  });
});
