// Starts the server. PORT=0 picks a free port; MAIL_DELAY_MS sets how long "sending" takes.
import { buildApp } from './app.ts';
import { readableLogStream } from './log-lines.ts';
import { createMailer } from './mailer.ts';

const mailer = createMailer({ delayMs: Number(process.env.MAIL_DELAY_MS ?? 1000), print: true });
const app = buildApp(mailer, { level: 'error', stream: readableLogStream });
const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
console.log(`listening on ${address}`);
console.log(
  `try: curl -X POST ${address}/send-email -H 'content-type: application/json' -d '{"email":"ada@example.com"}'`,
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close());
}
