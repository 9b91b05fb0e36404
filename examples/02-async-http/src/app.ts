// Builds the Fastify app. Options make the demo delay short in tests; the lesson uses the default 2 s.
import Fastify from 'fastify';
import { asyncDemoRoute } from './routes/async-demo.ts';
import { cpuBoundRoute } from './routes/cpu-bound.ts';
import { cpuOffloadedRoute } from './routes/cpu-offloaded.ts';
import { primesRoutes } from './routes/primes.ts';

export interface AppOptions {
  /** How long /async-demo waits before answering. */
  demoDelayMs?: number;
}

export function buildApp({ demoDelayMs = 2000 }: AppOptions = {}) {
  const app = Fastify();
  asyncDemoRoute(app, demoDelayMs);
  cpuBoundRoute(app);
  cpuOffloadedRoute(app);
  primesRoutes(app);
  return app;
}
