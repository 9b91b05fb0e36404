// The HTTP API: one Fastify app, one plugin per concern. It only talks to the queues through `Analyses`.
import multipart from '@fastify/multipart';
import Fastify, { type FastifyServerOptions } from 'fastify';
import type { Analyses } from '../jobs/analyses.ts';
import { MAX_UPLOAD_BYTES } from '../input/limits.ts';
import { analysesRoutes } from './analyses-routes.ts';
import { handleError } from './error-handler.ts';
import { progressStream } from './progress-stream.ts';

export async function buildApp(analyses: Analyses, options: FastifyServerOptions = {}) {
  // A "__proto__" or "constructor.prototype" key in a JSON body is dropped like any unknown field, rather than
  // answered with "not valid JSON" (Fastify's default refuses the body without saying why).
  const app = Fastify({ onProtoPoisoning: 'remove', onConstructorPoisoning: 'remove', ...options });
  app.setErrorHandler(handleError);
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 4 } });
  analysesRoutes(app, analyses);
  progressStream(app, analyses);
  return app;
}
