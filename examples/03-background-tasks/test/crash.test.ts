import { setTimeout as sleep } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { startServerProcess } from '../src/server-process.ts';

const post = (address: string, email: string) =>
  fetch(`${address}/send-email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });

it('a background task survives only as long as the process: killed after answering, the e-mail is never sent', async () => {
  const server = await startServerProcess({ MAIL_DELAY_MS: '200' });
  const response = await post(server.address, 'grace@example.com');
  expect(response.status).toBe(202);
  await server.kill('SIGKILL');
  await sleep(400);
  expect(server.output.filter((line) => line.startsWith('[mailer] sent'))).toEqual([]);
});

it('the same request without the crash sends the e-mail', async () => {
  const server = await startServerProcess({ MAIL_DELAY_MS: '20' });
  try {
    expect((await post(server.address, 'ada@example.com')).status).toBe(202);
    while (!server.output.some((line) => line.startsWith('[mailer] sent'))) await sleep(10);
    expect(server.output).toContain('[mailer] sent "Welcome to Async Lab" to ada@example.com');
  } finally {
    await server.kill('SIGTERM');
  }
});
