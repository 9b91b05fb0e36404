// Fires 10 requests at /async-demo at once. Each waits 2 s, yet all 10 are done in about 2 s:
// while one handler awaits, the server is free to start the others.
import { buildApp } from './app.ts';
import { startStopwatch } from './stopwatch.ts';

const app = buildApp({ demoDelayMs: 2000 });
const address = await app.listen({ host: '127.0.0.1', port: 0 });

await fetch(`${address}/cpu-bound?ms=1`); // warm-up: the first fetch() loads the HTTP client

const took = startStopwatch();
const replies = await Promise.all(
  Array.from({ length: 10 }, async (_, i) => {
    const response = await fetch(`${address}/async-demo`);
    const body = (await response.json()) as { msg: string };
    return `request ${String(i + 1).padStart(2)}: ${response.status} ${body.msg}`;
  }),
);
console.log(replies.join('\n'));
console.log(`10 requests took ${took()} in total (one after another: ~20 s)`);

await app.close();
