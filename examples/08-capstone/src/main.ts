// Runs the capstone: the API on http://127.0.0.1:3000 plus both workers, in this one process.
//   curl -X POST localhost:3000/analyses -H 'content-type: application/json' \
//        -d '{"email":"ada@example.com","text":"I love it\nThis is awful"}'
//   curl -F email=ada@example.com -F file=@reviews.csv localhost:3000/analyses
//   curl -N localhost:3000/analyses/<id>/events
import { startCapstone } from './capstone.ts';
import { mailerFromEnv } from './mail/mailer.ts';

const mailer = mailerFromEnv();
const capstone = await startCapstone({ mailer, logger: true });
await capstone.app.listen({ port: Number(process.env.PORT ?? 3000), host: '127.0.0.1' });
console.log(`E-mails go to ${mailer.destination}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void capstone.close().then(() => process.exit(0)));
}
