// The client gets its answer at once; the e-mail is sent about a second later, after the response.
// A bouncing address shows a failed task being logged, not silently lost.
import { setTimeout as sleep } from 'node:timers/promises';
import { buildApp } from './app.ts';
import { readableLogStream } from './log-lines.ts';
import { createMailer } from './mailer.ts';

const mailer = createMailer({ delayMs: 1000, print: true });
const app = buildApp(mailer, { level: 'error', stream: readableLogStream });

for (const email of ['ada@example.com', 'nobody@bounce.example']) {
  const response = await app.inject({ method: 'POST', url: '/send-email', payload: { email } });
  console.log(`[client] ${response.statusCode} ${response.body} — e-mails sent so far: ${mailer.outbox.length}`);
}

await sleep(1500); // each e-mail takes a second to "send", after its response
console.log(`[client] 1.5 s later: e-mails sent: ${mailer.outbox.length}`);
await app.close();
