// Runs the capstone: API on http://127.0.0.1:3000 plus both workers in this process.
//   curl -X POST localhost:3000/analyses -H 'content-type: application/json' \
//        -d '{"email":"ada@example.com","text":"I love it\nThis is awful"}'
//   curl -F email=ada@example.com -F file=@reviews.csv localhost:3000/analyses
import { startCapstone } from './capstone.ts';

const capstone = await startCapstone({ logger: true });
const port = Number(process.env.PORT ?? 3000);
await capstone.app.listen({ port, host: '127.0.0.1' });
console.log(`Mail goes to ${capstone.workers?.notify ? (process.env.SMTP_URL ?? 'the outbox/ folder') : 'nowhere'}`);

process.once('SIGINT', () => void capstone.close().then(() => process.exit(0)));
process.once('SIGTERM', () => void capstone.close().then(() => process.exit(0)));
