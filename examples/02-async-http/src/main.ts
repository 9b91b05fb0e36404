// Starts the server. PORT=0 picks a free port; DEMO_DELAY_MS shortens /async-demo.
import { buildApp } from './app.ts';

const app = buildApp({ demoDelayMs: Number(process.env.DEMO_DELAY_MS ?? 2000) });
const address = await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 3000) });
console.log(`listening on ${address}`);
console.log(`try: curl ${address}/async-demo   or   curl "${address}/cpu-bound?ms=abc"`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void app.close());
}
