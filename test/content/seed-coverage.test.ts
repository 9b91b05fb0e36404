// Every heading of the seed chapter (seed/chapter-11-async-and-task-queues.md, the course outline) is taught
// by a lesson in each language: a heading maps to seed sections, and lessons name theirs in `seed` frontmatter.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedSections } from '../../src/lib/content/lesson-schema.ts';
import { lessonFiles, locales } from '../support/lessons.ts';

const seedPath = 'seed/chapter-11-async-and-task-queues.md';

/** Unnumbered headings, by their text without the emoji; numbered ones ("11.4 …") map to their number. */
const unnumbered: Record<string, string[]> = {
  '第11章：异步处理与任务队列': ['goals'],
  学习目标: ['goals'],
  Python异步编程基础: ['11.1', '11.2'],
  后台任务与定时任务: ['11.3', '11.4'],
  Celery任务队列: ['11.5', '11.6', '11.7'],
  实践项目: ['project'],
  '项目：异步AI推理与邮件通知': ['project'],
  本章小结: ['summary'],
  重点概念: ['summary'],
  关键技能: ['summary'],
  扩展阅读: ['further-reading'],
  常见问题: ['faq'],
};

interface Heading {
  level: number;
  text: string;
}

function seedHeadings(markdown: string): Heading[] {
  const headings: Heading[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const match = !inFence && /^(#{1,6})\s+(.*)$/.exec(line);
    if (match) headings.push({ level: match[1]!.length, text: match[2]!.trim() });
  }
  return headings;
}

function sectionsOf(heading: Heading): string[] | undefined {
  const numbered = /^(11\.\d+)\s/.exec(heading.text);
  if (numbered) return [numbered[1]!];
  const text = heading.text.replace(/^[^\p{L}\p{N}]+/u, '').trim();
  return unnumbered[text];
}

describe('the seed chapter is covered', () => {
  const headings = seedHeadings(readFileSync(seedPath, 'utf8'));

  it('has the headings this test knows (a new seed heading must be mapped here)', () => {
    expect(headings.length, 'headings parsed from the seed').toBeGreaterThanOrEqual(19);
    const unmapped = headings.filter((heading) => !sectionsOf(heading)).map((heading) => heading.text);
    expect(unmapped, 'seed headings with no section mapping').toEqual([]);
    for (const heading of headings) {
      for (const section of sectionsOf(heading)!) {
        expect(seedSections, `section of "${heading.text}"`).toContain(section);
      }
    }
  });

  for (const locale of locales) {
    it(`${locale}: every seed heading is taught by a lesson`, () => {
      const lessons = lessonFiles(locale);
      const covering = (section: string) =>
        lessons.filter((lesson) => (lesson.frontmatter.seed as string[] | undefined)?.includes(section));
      const uncovered = headings.flatMap((heading) =>
        sectionsOf(heading)!
          .filter((section) => covering(section).length === 0)
          .map((section) => `"${heading.text}" (${section})`),
      );
      expect(uncovered, `seed headings no ${locale} lesson names in its seed frontmatter`).toEqual([]);
    });

    it(`${locale}: lesson N teaches section 11.N`, () => {
      const lessons = lessonFiles(locale);
      for (const heading of headings) {
        const numbered = /^11\.(\d+)\s/.exec(heading.text);
        if (!numbered) continue;
        const lesson = lessons.find((l) => l.frontmatter.order === Number(numbered[1]));
        expect(lesson?.frontmatter.seed, `seed of ${locale} lesson ${numbered[1]}`).toContain(`11.${numbered[1]}`);
      }
    });
  }
});
