// Frontmatter every lesson must carry, on top of Starlight's own (title, description, …).
// Astro validates it at build time and names the file and the field when it is wrong.
import { z } from 'astro/zod';

export const locales = ['zh', 'en'] as const;
export type Locale = (typeof locales)[number];

/** Parts of the seed chapter a lesson can cover: its numbered sections and its unnumbered parts. */
export const seedSections = [
  'goals',
  '11.1',
  '11.2',
  '11.3',
  '11.4',
  '11.5',
  '11.6',
  '11.7',
  'project',
  'summary',
  'further-reading',
  'faq',
] as const;
export type SeedSection = (typeof seedSections)[number];

export const lessonFields = z.object({
  /** A guide (e.g. "Run it on your machine") is a page beside the lessons, without their course fields. */
  kind: z.enum(['lesson', 'guide']).optional(),
  /** Position in the course; equals the number that prefixes the file name. */
  order: z.number().int().min(0).optional(),
  /** Must match the folder the file lives in (checked by test/content). */
  locale: z.enum(locales).optional(),
  /** Which parts of the seed chapter this lesson teaches. */
  seed: z.array(z.enum(seedSections)).min(1).optional(),
  /** The example package under examples/ this lesson is built on. */
  example: z
    .string()
    .regex(/^\d\d-[a-z0-9-]+$/)
    .optional(),
});

const lessonOnly = ['order', 'locale', 'seed'] as const;

/**
 * Every page except the splash home pages and the guides (`kind: guide`) is a lesson, and a lesson needs its
 * course fields. They stay optional in the object schema (Starlight merges objects) and are required here.
 */
export function requireLessonFields(
  page: { template?: string; kind?: string } & Partial<Record<(typeof lessonOnly)[number], unknown>>,
  ctx: z.RefinementCtx,
): void {
  if (page.template === 'splash' || page.kind === 'guide') return;
  for (const field of lessonOnly) {
    if (page[field] === undefined) {
      ctx.addIssue({ code: 'custom', path: [field], message: `A lesson needs "${field}" in its frontmatter.` });
    }
  }
}
