// A Fastify server on a real port, asked over HTTP by the same process: the network where runs run works.
import Fastify from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';

const app = Fastify();
app.get('/hello', async () => ({ hello: 'world' }));
const address = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`listening on ${address}`);

const response = await fetch(`${address}/hello`);
console.log(`GET /hello → ${response.status} ${await response.text()}`);

await sleep(1500); // long enough for the runner to notice the server (the page's preview pane would show it)
await app.close();
console.log('closed');
