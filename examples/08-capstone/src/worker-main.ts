// Only the workers, without the API: start this on more machines (same REDIS_URL) to process more
// analyses at once. `npm run worker`
import { connect } from './connection.ts';
import { defaultSettings } from './jobs/settings.ts';
import { startWorkers } from './jobs/workers.ts';
import { mailerFromEnv } from './mail/mailer.ts';
import { modelFromEnv } from './model/model-from-env.ts';

const mailer = mailerFromEnv();
const model = modelFromEnv();
const workers = startWorkers(connect, defaultSettings, model, mailer);
console.log(`Workers running: model ${model.name}, e-mails to ${mailer.destination}`);

// SIGTERM (a deploy, docker stop): finish the jobs in hand, take no new ones, then exit.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => void workers.close().then(() => console.log('Workers stopped')));
}
