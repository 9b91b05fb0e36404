// MODEL_URL set → the remote model; otherwise the lexicon model that ships with the package.
import { createAfinnModel } from './afinn-model.ts';
import { createHttpModel } from './http-model.ts';
import type { Model } from './model.ts';

export function modelFromEnv(env: NodeJS.ProcessEnv = process.env): Model {
  return env.MODEL_URL ? createHttpModel(env.MODEL_URL) : createAfinnModel();
}
