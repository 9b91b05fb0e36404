// Wires the whole capstone together: queues, workers and the HTTP API. main.ts, the demo and the
// tests all start it through here, with different settings.
import type { FastifyServerOptions } from 'fastify';
import { buildApp } from './api/app.ts';
import { connect } from './connection.ts';
import { Analyses } from './jobs/analyses.ts';
import { defaultSettings, type PipelineSettings } from './jobs/settings.ts';
import { startWorkers } from './jobs/workers.ts';
import { mailerFromEnv, type Mailer } from './mail/mailer.ts';
import { modelFromEnv } from './model/model-from-env.ts';
import type { Model } from './model/model.ts';

export interface CapstoneOptions {
  settings?: Partial<PipelineSettings>;
  model?: Model;
  mailer?: Mailer;
  /** false: start only the API (jobs wait in Redis until some worker runs). */
  workers?: boolean;
  newId?: () => string;
  logger?: FastifyServerOptions['logger'];
}

export async function startCapstone(options: CapstoneOptions = {}) {
  const settings = { ...defaultSettings, ...options.settings };
  const analyses = new Analyses(connect, settings, options.newId);
  await analyses.ready();
  const app = await buildApp(analyses, { logger: options.logger ?? false });
  let workers = options.workers === false ? undefined : startPipelineWorkers();

  function startPipelineWorkers() {
    return startWorkers(connect, settings, options.model ?? modelFromEnv(), options.mailer ?? mailerFromEnv());
  }

  return {
    app,
    analyses,
    settings,
    get workers() {
      return workers;
    },
    startWorkers() {
      workers ??= startPipelineWorkers();
      return workers;
    },
    async close() {
      await app.close();
      await workers?.close();
      await analyses.close();
    },
  };
}

export type Capstone = Awaited<ReturnType<typeof startCapstone>>;
