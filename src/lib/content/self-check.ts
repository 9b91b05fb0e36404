// Reads a self-check question as the lesson's MDX renders it: one paragraph (the question), then an ordered list
// (the options). A question written any other way stops the build with the lesson's id and what to change.

export interface SelfCheckQuestion {
  /** The question, as inline HTML (it becomes the options' <legend>). */
  question: string;
  /** Each option, as inline HTML. */
  options: string[];
}

export function parseSelfCheck(html: string, id: string, answer: number): SelfCheckQuestion {
  const fail = (problem: string): never => {
    throw new Error(
      `<SelfCheck id="${id}">: ${problem}. Write the question as one paragraph, then the options as a numbered ` +
        'list ("1. …"), and the explanation in <Fragment slot="why">; answer={n} is the number of the right option.',
    );
  };
  const match = /^\s*<p>([\s\S]*?)<\/p>\s*<ol>([\s\S]*)<\/ol>\s*$/.exec(html);
  if (!match) fail('expected one paragraph followed by a numbered list');
  const [, question, list] = match!;
  const options = [...list!.matchAll(/<li>([\s\S]*?)<\/li>/g)].map(([, item]) =>
    item!.trim().replace(/^<p>([\s\S]*)<\/p>$/, '$1'),
  );
  if (options.length < 2 || options.length > 5) fail(`found ${options.length} options, expected 2 to 5`);
  if (!Number.isInteger(answer) || answer < 1 || answer > options.length) {
    fail(`answer={${answer}} is not one of the options 1–${options.length}`);
  }
  return { question: question!.trim(), options };
}

/** "A", "B", … : how options are labelled on the page and named in the verdict. */
export const optionLetter = (index: number): string => String.fromCharCode(65 + index);
