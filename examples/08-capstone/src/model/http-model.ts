// A remote model behind an HTTP endpoint (set MODEL_URL). Contract, kept deliberately tiny:
//   POST MODEL_URL  {"texts": ["…", …]}  →  200 {"scores": [0.8, -0.3, …]}   (one number per text)
// Any inference server can be wrapped to speak this; the queue code does not change.
import { labelFor, type Model, type RowResult } from './model.ts';

export function createHttpModel(url: string, timeoutMs = 10_000): Model {
  return {
    name: `http model at ${url}`,
    async classify(texts: string[]): Promise<RowResult[]> {
      let response: Response;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ texts }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new Error(`Could not reach the model at ${url} (${causeOf(error)}). Is the model server running?`);
      }
      if (!response.ok) {
        throw new Error(`The model at ${url} answered HTTP ${response.status}; the job will retry.`);
      }
      const body = (await response.json()) as { scores?: unknown };
      const scores = body.scores;
      if (!Array.isArray(scores) || scores.length !== texts.length || !scores.every((s) => typeof s === 'number')) {
        throw new Error(`The model at ${url} must answer {"scores": [number, …]} with one score per text.`);
      }
      return texts.map((text, i) => {
        const score = Number(scores[i]);
        return { text, score, label: labelFor(score) };
      });
    },
  };
}

function causeOf(error: unknown): string {
  // fetch() hides the useful part (ECONNREFUSED, ENOTFOUND, …) in `cause`.
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}
