// Invalid input gets a 400 with a message saying what was wrong; the handler never runs.
import { buildApp } from './app.ts';

const app = buildApp();
for (const url of ['/cpu-bound?ms=abc', '/cpu-bound?ms=1.5', '/cpu-bound?ms=0', '/cpu-bound', '/cpu-bound?ms=5']) {
  const response = await app.inject({ method: 'GET', url });
  console.log(
    `GET ${url.padEnd(18)} → ${response.statusCode} ${response.json<{ message?: string; msg?: string }>().message ?? response.body}`,
  );
}
await app.close();
