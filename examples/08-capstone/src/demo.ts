// The capstone, told as a story: an upload is accepted at once, a worker scores it batch by batch
// while the client watches live, the result arrives by e-mail. Then bad input, and a broken model.
// Run: npm run demo   (in-memory Redis; REDIS_URL for a real one; SMTP_URL for a real mail server)
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCapstone, type Capstone } from './capstone.ts';
import { printEvents, printMail } from './demo-output.ts';
import { messageIdFor } from './mail/compose.ts';
import { createHttpModel } from './model/http-model.ts';

const REVIEWS = `Absolutely love it, great quality
Terrible battery, very disappointed
Arrived on Monday
Good price and friendly support
Broken screen, awful packaging
It works
Excellent, would buy again`;

let counter = 0;
const newId = () => `analysis-${++counter}`;
// A fresh key prefix per run, so a rerun against a real Redis starts from empty queues.
const prefix = `capstone-demo-${Date.now()}`;

console.log('1. Start the API, but no worker yet');
const capstone = await startCapstone({ workers: false, newId, settings: { prefix, batchSize: 3 } });
const api = await capstone.app.listen({ port: 0, host: '127.0.0.1' });

console.log('\n2. POST /analyses with 7 reviews as JSON');
const accepted = await post(api, { email: 'ada@example.com', text: REVIEWS });
const { id } = (await accepted.json()) as { id: string };
console.log(`   ${accepted.status} ${accepted.statusText}: id ${id}; the job waits in Redis`);

console.log(`\n3. Follow GET /analyses/${id}/events (Server-Sent Events), then start the workers`);
await followWhileWorkersStart(capstone, api, id);

console.log(`\n4. GET /analyses/${id}`);
const view = (await (await fetch(`${api}/analyses/${id}`)).json()) as {
  status: string;
  notification: string;
  result: { rows: { label: string; score: number; text: string }[] };
};
console.log(`   status ${view.status}, e-mail ${view.notification}, ${view.result.rows.length} rows:`);
for (const row of view.result.rows)
  console.log(`     ${row.label.padEnd(8)} ${String(row.score).padStart(3)}  ${row.text}`);

console.log('\n5. The e-mail');
await printMail(messageIdFor(id, 'result'));

console.log('\n6. Bad input is refused with a reason');
await showRejection('no e-mail', await post(api, { text: 'hello' }));
await showRejection('70 KiB of text', await post(api, { email: 'ada@example.com', text: 'a'.repeat(70 * 1024) }));
const pdf = new FormData();
pdf.set('email', 'ada@example.com');
pdf.set('file', new Blob(['%PDF-1.7'], { type: 'application/pdf' }), 'report.pdf');
await showRejection('a PDF upload', await fetch(`${api}/analyses`, { method: 'POST', body: pdf }));
await capstone.close();

console.log('\n7. The model server is down: two attempts, then a failure notice');
const model = createHttpModel(`http://127.0.0.1:${await portNobodyListensOn()}/score`);
const broken = await startCapstone({
  workers: false,
  newId,
  model,
  settings: { prefix: `${prefix}-b`, inferenceAttempts: 2, backoffMs: 100 },
});
const brokenApi = await broken.app.listen({ port: 0, host: '127.0.0.1' });
const failedId = (
  (await (await post(brokenApi, { email: 'ada@example.com', text: 'Lovely day' })).json()) as { id: string }
).id;
await followWhileWorkersStart(broken, brokenApi, failedId);
const failed = (await (await fetch(`${brokenApi}/analyses/${failedId}`)).json()) as {
  status: string;
  attempts: number;
};
console.log(`   GET /analyses/${failedId}: status ${failed.status} after ${failed.attempts} attempts`);
await printMail(messageIdFor(failedId, 'failure'));
await broken.close();

async function followWhileWorkersStart(app: Capstone, base: string, analysisId: string) {
  const stream = await fetch(`${base}/analyses/${analysisId}/events`);
  app.startWorkers();
  await printEvents(stream);
}

function post(base: string, body: object): Promise<Response> {
  return fetch(`${base}/analyses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

async function showRejection(what: string, response: Response) {
  const { message } = (await response.json()) as { message: string };
  console.log(`   ${what}: ${response.status} ${message}`);
}

/** Opens a server on a free port and closes it again: a port where connections are refused. */
async function portNobodyListensOn(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
