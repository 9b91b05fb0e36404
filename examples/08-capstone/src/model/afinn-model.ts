// A real, offline model: the AFINN-165 word list (3,382 English words scored -5…+5) shipped in the
// `sentiment` package. Pure JavaScript, so it runs the same in Node and in the browser.
import Sentiment from 'sentiment';
import { labelFor, type Model, type RowResult } from './model.ts';

export function createAfinnModel(): Model {
  const sentiment = new Sentiment();
  return {
    name: 'afinn-165 (sentiment@5)',
    async classify(texts: string[]): Promise<RowResult[]> {
      return texts.map((text) => {
        const { score } = sentiment.analyze(text);
        return { text, score, label: labelFor(score) };
      });
    },
  };
}
