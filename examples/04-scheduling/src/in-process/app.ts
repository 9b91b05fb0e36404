// A Fastify app whose scheduled jobs live and die with the server.
import Fastify, { type FastifyServerOptions } from 'fastify';
import { useScheduler, type ScheduledJob } from './scheduler-hook.ts';

export function buildApp(jobs: ScheduledJob[], logger: FastifyServerOptions['logger'] = false) {
  const app = Fastify({ logger });
  useScheduler(app, jobs);
  app.get('/', async () => ({ msg: 'the server is up; GET /jobs lists its scheduled jobs' }));
  return app;
}
