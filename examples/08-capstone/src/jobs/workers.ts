// The two workers of the pipeline. They can run in the API process (as main.ts does) or in
// processes of their own: they share nothing with the API but Redis.
import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Mailer } from '../mail/mailer.ts';
import type { Model } from '../model/model.ts';
import { INFERENCE_QUEUE, NOTIFY_QUEUE } from './analysis.ts';
import { createInferenceProcessor } from './inference-processor.ts';
import { createNotifyProcessor } from './notify-processor.ts';
import type { PipelineSettings } from './settings.ts';

export interface PipelineWorkers {
  inference: Worker;
  notify: Worker;
  close(): Promise<void>;
}

export function startWorkers(
  connect: () => Redis,
  settings: PipelineSettings,
  model: Model,
  mailer: Mailer,
): PipelineWorkers {
  const connections = [connect(), connect(), connect()];
  const [forInference, forNotify, forMarkers] = connections as [Redis, Redis, Redis];
  const { prefix } = settings;
  const inference = new Worker(INFERENCE_QUEUE, createInferenceProcessor(model, settings.batchSize), {
    connection: forInference,
    prefix,
  });
  const notify = new Worker(NOTIFY_QUEUE, createNotifyProcessor(mailer, forMarkers), {
    connection: forNotify,
    prefix,
  });
  return {
    inference,
    notify,
    async close() {
      await Promise.all([inference.close(), notify.close()]);
      await Promise.all(connections.map((client) => client.quit().catch(() => client.disconnect())));
      mailer.close();
    },
  };
}
