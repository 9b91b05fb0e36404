// Builds the Fastify app with background tasks and the /send-email route.
import Fastify, { type FastifyServerOptions } from 'fastify';
import { useBackgroundTasks } from './background-tasks-hook.ts';
import type { Mailer } from './mailer.ts';
import { sendEmailRoute } from './routes/send-email.ts';

export function buildApp(mailer: Mailer, logger: FastifyServerOptions['logger'] = true) {
  const app = Fastify({ logger });
  useBackgroundTasks(app);
  sendEmailRoute(app, mailer);
  return app;
}
