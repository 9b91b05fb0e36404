// Background tasks live only in the server's memory. If the process dies after answering but
// before the task runs (a crash, a deploy, an out-of-memory kill), the work is gone — and the
// client was already told "sending". This is why durable queues exist (sections 11.5–11.7).
import { setTimeout as sleep } from 'node:timers/promises';
import { startServerProcess } from './server-process.ts';

async function signUp(label: string, email: string, killAfterResponse: boolean) {
  const server = await startServerProcess({ MAIL_DELAY_MS: '1000' });
  const response = await fetch(`${server.address}/send-email`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email }),
  });
  console.log(`${label}: client got ${response.status} ${await response.text()}`);

  if (killAfterResponse) {
    await server.kill('SIGKILL');
    console.log(`${label}: server process killed right after answering`);
  }
  await sleep(1500);
  const sent = server.output.filter((line) => line.startsWith('[mailer] sent'));
  console.log(
    `${label}: e-mails sent: ${sent.length}${sent.length ? ` (${sent.join('; ')})` : ' — the task died with the process'}`,
  );
  if (!killAfterResponse) await server.kill('SIGTERM');
}

await signUp('normal run', 'ada@example.com', false);
await signUp('crash     ', 'grace@example.com', true);
