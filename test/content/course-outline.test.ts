// The course has the lessons issue 6 lists, and each lesson has the shape a reader relies on:
// learning goals first, then the lesson, an exercise (lessons 1–9: hints, the check command, the starter's
// verdict and the solution behind a toggle), a recap, and last the self-check questions (test/content/self-checks).
// Code is never pasted into a lesson.
import { describe, expect, it } from 'vitest';
import { componentUses } from '../support/lesson-components.ts';
import { lessonFiles, locales } from '../support/lessons.ts';

const expectedFiles = [
  '00-introduction.mdx',
  '01-async-await.mdx',
  '02-async-http.mdx',
  '03-background-tasks.mdx',
  '04-scheduling.mdx',
  '05-queue-basics.mdx',
  '06-http-queue.mdx',
  '07-task-status.mdx',
  '08-capstone.mdx',
  '09-production.mdx',
  '10-summary.mdx',
];

const words = {
  zh: { goals: '学习目标', recap: '小结', exercise: '练习', selfCheck: '自测' },
  en: { goals: 'Learning goals', recap: 'Recap', exercise: 'Exercise', selfCheck: 'Check yourself' },
} as const;

function h2s(body: string): string[] {
  return [...body.replace(/```[\s\S]*?```/g, '').matchAll(/^## (.+)$/gm)].map((m) => m[1]!.trim());
}

describe('the course outline', () => {
  for (const locale of locales) {
    const lessons = lessonFiles(locale);

    it(`${locale}: has lessons 0–10 in order`, () => {
      expect(lessons.map((lesson) => lesson.file)).toEqual(expectedFiles);
    });

    for (const lesson of lessons) {
      describe(lesson.path, () => {
        it('has a title, a description, goals first, then a recap and the self-check last', () => {
          expect(String(lesson.frontmatter.title ?? '').length, 'title').toBeGreaterThan(5);
          expect(String(lesson.frontmatter.description ?? '').length, 'description').toBeGreaterThan(30);
          const headings = h2s(lesson.body);
          expect(headings[0], 'first section').toBe(words[locale].goals);
          expect(headings.at(-1), 'last section').toBe(words[locale].selfCheck);
          expect(headings.at(-2), 'the section before the self-check').toBe(words[locale].recap);
        });

        it('shows code from examples/, never pasted TypeScript', () => {
          const fences = [...lesson.body.matchAll(/```(\w*)\n([\s\S]*?)```/g)];
          const pasted = fences.filter(
            ([, lang, code]) => /^(ts|typescript|js|javascript|tsx)$/.test(lang!) && code!.split('\n').length > 6,
          );
          expect(
            pasted.map(([block]) => block.slice(0, 80)),
            'fenced TS/JS blocks over 5 lines',
          ).toEqual([]);
        });

        const order = Number(lesson.file.slice(0, 2));
        if (order >= 1 && order <= 9) {
          it('ends with its exercise: task, hints, check command, starter verdict, solution behind a toggle', () => {
            const headings = h2s(lesson.body);
            expect(headings.at(-3)?.startsWith(words[locale].exercise), 'the section before the recap').toBe(true);
            const exercise = lesson.body.slice(
              lesson.body.lastIndexOf(`## ${headings.at(-3)}`),
              lesson.body.lastIndexOf(`## ${words[locale].recap}`),
            );
            const uses = componentUses(exercise);
            const example = lesson.frontmatter.example;
            expect(
              uses.some(
                (u) =>
                  u.props.example === example && String(u.props.file ?? u.props.files).includes('exercise/starter/'),
              ),
              'shows the starter',
            ).toBe(true);
            expect(
              uses.some(
                // check-starter, or check-starter-<name> for a package's further exercise
                (u) =>
                  (u.component === 'RecordedOutput' && /^check-starter(-|$)/.test(String(u.props.name))) ||
                  (u.component === 'Playground' && /^check-starter(-|$)/.test(String(u.props.recording))),
              ),
              "shows the starter's verdict",
            ).toBe(true);
            expect(exercise, 'gives the check command').toContain('npm run check');
            const toggles = [...exercise.matchAll(/<details>([\s\S]*?)<\/details>/g)].map((m) => m[1]!);
            expect(toggles.length, 'hints and solution unfold').toBeGreaterThanOrEqual(2);
            expect(
              toggles.some((t) => t.includes(`example="${example}" file="exercise/solution/`)),
              'solution inside a toggle',
            ).toBe(true);
            expect(
              exercise.replace(/<details>[\s\S]*?<\/details>/g, ''),
              'solution only inside a toggle',
            ).not.toContain('exercise/solution/');
          });
        }
      });
    }
  }
});
