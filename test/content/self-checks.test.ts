// Every lesson ends with 3–5 self-check questions, the same in both languages: same ids, same number of options,
// same right answer (answers are kept per lesson, not per language, so a reader who switches keeps them).
import { describe, expect, it } from 'vitest';
import { lessonFiles, type LessonFile } from '../support/lessons.ts';

interface Question {
  id: string;
  answer: number;
  options: number;
}

function selfChecks(lesson: LessonFile): Question[] {
  return [...lesson.body.matchAll(/<SelfCheck id="([^"]+)" answer=\{(\d+)\}>([\s\S]*?)<\/SelfCheck>/g)].map(
    ([, id, answer, inner]) => ({
      id: id!,
      answer: Number(answer),
      options: inner!.split('<Fragment')[0]!.match(/^\d+\. /gm)?.length ?? 0,
    }),
  );
}

describe('self-check questions', () => {
  const zh = lessonFiles('zh');
  const en = lessonFiles('en');

  for (const lesson of zh) {
    const english = en.find((other) => other.file === lesson.file)!;

    it(`${lesson.file}: 3 to 5 questions, the same in zh and en`, () => {
      const questions = selfChecks(lesson);
      expect(questions.length, `questions in ${lesson.path}`).toBeGreaterThanOrEqual(3);
      expect(questions.length, `questions in ${lesson.path}`).toBeLessThanOrEqual(5);
      expect(new Set(questions.map((q) => q.id)).size, 'ids are unique in the lesson').toBe(questions.length);
      expect(selfChecks(english), `${english.path} has the same questions`).toEqual(questions);
    });

    it(`${lesson.file}: the questions end the lesson`, () => {
      for (const file of [lesson, english]) {
        const headings = [...file.body.matchAll(/^## (.+)$/gm)].map(([, heading]) => heading);
        expect(headings.at(-1), `last section of ${file.path}`).toBe(file.locale === 'zh' ? '自测' : 'Check yourself');
      }
    });
  }
});
