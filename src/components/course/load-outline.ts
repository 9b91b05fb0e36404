// The course outline of the page's language, for components (course-outline.ts does the work; this reads the
// lessons from Astro's content collection).
import { getCollection } from 'astro:content';
import { courseOutline, type OutlineLesson } from '../../lib/course/course-outline.ts';

export async function loadOutline(locale: string): Promise<OutlineLesson[]> {
  const lessons = await getCollection('docs', (entry) => entry.id.includes('/lessons/'));
  const english = lessons.filter((entry) => entry.id.startsWith('en/'));
  const base = import.meta.env.BASE_URL.replace(/\/$/, '');
  return courseOutline(lessons, locale, english, base);
}

/** Astro.locals.t, whatever its key type. */
type Translate = (key: never, params?: Record<string, unknown>) => string;

/** "35 min", "4 h 40 min" in the page's words. */
export function formatMinutes(minutes: number, t: Translate): string {
  const say = t as unknown as (key: string, params?: Record<string, unknown>) => string;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return say('course.minutes', { minutes });
  return rest === 0 ? say('course.hours', { hours }) : say('course.hoursMinutes', { hours, minutes: rest });
}
