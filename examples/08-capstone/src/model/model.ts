// The one thing the queue code knows about a model: give it a batch of texts, get one verdict per text.
// Swap the lexicon for a remote model by implementing this interface (see http-model.ts).
export type Label = 'positive' | 'negative' | 'neutral';

export interface RowResult {
  text: string;
  label: Label;
  /** Model-specific strength; for AFINN, the sum of word scores (-5 … +5 per word). */
  score: number;
}

export interface Model {
  readonly name: string;
  classify(texts: string[]): Promise<RowResult[]>;
}

export function labelFor(score: number): Label {
  if (score > 0) return 'positive';
  if (score < 0) return 'negative';
  return 'neutral';
}
