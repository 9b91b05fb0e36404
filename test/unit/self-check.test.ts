// The self-check question as MDX renders it: one paragraph, then a numbered list; anything else names the fix.
import { describe, expect, it } from 'vitest';
import { optionLetter, parseSelfCheck } from '../../src/lib/content/self-check.ts';

describe('parseSelfCheck', () => {
  it('reads the question and the options, tight or loose lists', () => {
    const tight = '<p>Is <code>stalled</code> a state?</p>\n<ol>\n<li>Yes</li>\n<li>No, an event</li>\n</ol>';
    expect(parseSelfCheck(tight, 'q', 2)).toEqual({
      question: 'Is <code>stalled</code> a state?',
      options: ['Yes', 'No, an event'],
    });
    const loose = '<p>Q?</p><ol><li><p>one</p></li><li><p>two</p></li><li><p>three</p></li></ol>';
    expect(parseSelfCheck(loose, 'q', 3).options).toEqual(['one', 'two', 'three']);
  });

  it('refuses a question without a numbered list, with the id and how to write it', () => {
    expect(() => parseSelfCheck('<p>Q?</p><ul><li>a</li><li>b</li></ul>', 'order', 1)).toThrow(
      /<SelfCheck id="order">: expected one paragraph followed by a numbered list\. Write the question/,
    );
  });

  it('refuses an answer that is not one of the options', () => {
    expect(() => parseSelfCheck('<p>Q?</p><ol><li>a</li><li>b</li></ol>', 'q', 3)).toThrow(
      'answer={3} is not one of the options 1–2',
    );
    expect(() => parseSelfCheck('<p>Q?</p><ol><li>a</li></ol>', 'q', 1)).toThrow('found 1 options, expected 2 to 5');
  });

  it('labels options A, B, C', () => {
    expect([0, 1, 2].map(optionLetter)).toEqual(['A', 'B', 'C']);
  });
});
