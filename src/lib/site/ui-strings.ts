// Keys of the site's own interface strings (beyond Starlight's). Translations live in src/content/i18n/*.json.
// Add a key here when a component calls Astro.locals.t('new.key'); `astro check` rejects unknown keys.
import { z } from 'astro/zod';

const keys = [
  'lessons.heading',
  'recording.label',
  'recording.exit',
  'recording.killed',
  'predict.reveal',
  'selfCheck.check',
  'selfCheck.correct',
  'selfCheck.wrong',
  'selfCheck.choose',
  'selfCheck.reveal',
  'selfCheck.answer',
] as const;

export const uiStrings = z.object(
  Object.fromEntries(keys.map((key) => [key, z.string()])) as {
    [K in (typeof keys)[number]]: z.ZodString;
  },
);
