// Chinese lessons read as Chinese: quotation marks and punctuation beside Chinese text are the full-width ones
// (“引号”，不是 "straight quotes"), outside code. Code, commands and JSX attributes keep their ASCII.
import { describe, expect, it } from 'vitest';
import { lessonProse } from '../support/lesson-prose.ts';
import { lessonFiles } from '../support/lessons.ts';

const han = String.raw`[\p{Script=Han}，。：；！？、（）“”‘’《》]`;
const rules: { name: string; pattern: RegExp; fix: string }[] = [
  {
    name: 'ASCII quote beside Chinese text',
    pattern: new RegExp(String.raw`${han}["']|["']${han}`, 'u'),
    fix: 'use “…” (and ‘…’ inside them)',
  },
  {
    name: 'ASCII punctuation after Chinese text',
    pattern: new RegExp(String.raw`\p{Script=Han}[,.;:!?()](?=\s|\p{Script=Han}|$)`, 'u'),
    fix: 'use ，。；：！？（）',
  },
];

describe('zh lessons: Chinese punctuation in prose', () => {
  for (const lesson of lessonFiles('zh')) {
    it(lesson.file, () => {
      const findings = lessonProse(lesson).flatMap(({ line, text }) =>
        rules
          .filter((rule) => rule.pattern.test(text))
          .map((rule) => `${lesson.path}:${line}: ${rule.name} (${rule.fix}): ${text.trim()}`),
      );
      expect(findings).toEqual([]);
    });
  }

  it('catches what it is meant to catch', () => {
    const sample = {
      locale: 'zh',
      file: 'x.mdx',
      path: 'x.mdx',
      frontmatter: {},
      body: '打印"开始"，再打印。\n`console.log("开始")` 不算。\n<Aside title="坑">正文</Aside>\n他说,好\n',
      raw: '',
    };
    sample.raw = `---\n---\n${sample.body}`;
    const hits = lessonProse(sample).filter(({ text }) => rules.some((rule) => rule.pattern.test(text)));
    expect(hits.map((hit) => hit.line)).toEqual([3, 6]);
  });
});
