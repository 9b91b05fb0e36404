// The course as a path: its lessons in order, each with the time it takes, its exercise and its self-check
// questions, grouped in three parts. Built at build time from the lesson pages themselves, for the course home
// and for the "where you are" strip on every lesson. Framework-free: the Astro side passes the entries in.
import { lessonActivities, lessonMinutes } from './lesson-time.ts';

export interface LessonEntry {
  /** Content id, e.g. "en/lessons/05-queue-basics". */
  id: string;
  data: { title: string; description?: string; order?: number };
  body?: string;
}

export interface OutlineLesson {
  /** The lesson's file name, the same in every language: "05-queue-basics". Progress is kept under it. */
  slug: string;
  order: number;
  href: string;
  title: string;
  /** The title without its "Lesson 5: " / "第 5 课：" prefix (the path shows the number itself). */
  shortTitle: string;
  description: string;
  minutes: number;
  /** Example packages of the lesson's exercises (markExercisePassed keys). */
  exercises: string[];
  /** Ids of the lesson's self-check questions. */
  selfChecks: string[];
  /** 1 to 4: see `parts`. */
  part: number;
}

/**
 * The parts of the path, by lesson number, as the introduction presents them (foundations, task queues, in
 * practice, wrap-up); their names are the i18n keys `course.part.1` … `course.part.4`.
 */
export const parts = [
  { part: 1, first: 0, last: 4 },
  { part: 2, first: 5, last: 7 },
  { part: 3, first: 8, last: 9 },
  { part: 4, first: 10, last: 10 },
] as const;

export function partOf(order: number): number {
  return parts.find((p) => order >= p.first && order <= p.last)?.part ?? parts.length;
}

/**
 * The lessons of one language in order. `reference` (the English lessons) gives the time, so both languages
 * promise the same; a lesson without an English twin is timed from its own text.
 */
export function courseOutline(
  entries: readonly LessonEntry[],
  locale: string,
  reference: readonly LessonEntry[] = entries,
  base = '',
): OutlineLesson[] {
  const slugOf = (entry: LessonEntry) => entry.id.split('/').pop()!;
  const referenceBodies = new Map(reference.map((entry) => [slugOf(entry), entry.body ?? '']));
  return entries
    .filter((entry) => entry.id.startsWith(`${locale}/lessons/`) && entry.data.order !== undefined)
    .sort((a, b) => a.data.order! - b.data.order!)
    .map((entry) => {
      const slug = slugOf(entry);
      const body = entry.body ?? '';
      return {
        slug,
        order: entry.data.order!,
        href: `${base}/${locale}/lessons/${slug}/`,
        title: entry.data.title,
        shortTitle: entry.data.title.replace(/^(Lesson \d+:\s*|第\s*\d+\s*课[：:]\s*)/, ''),
        description: entry.data.description ?? '',
        minutes: lessonMinutes(lessonActivities(referenceBodies.get(slug) ?? body)),
        exercises: unique(
          [...body.matchAll(/<Playground\b[\s\S]*?\/>/g)]
            .map((m) => m[0])
            .filter((tag) => /\sexercise\b/.test(tag))
            .map((tag) => /\bexample="([^"]+)"/.exec(tag)?.[1])
            .filter((example): example is string => !!example),
        ),
        selfChecks: unique([...body.matchAll(/<SelfCheck\b[^>]*\bid="([^"]+)"/g)].map((m) => m[1]!)),
        part: partOf(entry.data.order!),
      };
    });
}

/** "4 h 35 min" / "4 小时 35 分钟" is worded by the page; this is the total in minutes. */
export function totalMinutes(lessons: readonly OutlineLesson[]): number {
  return lessons.reduce((sum, lesson) => sum + lesson.minutes, 0);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
