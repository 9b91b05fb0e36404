// Keys of the site's own interface strings (beyond Starlight's). Translations live in src/content/i18n/*.json,
// one file per language; every key here must have a sentence in each (the build fails otherwise).
// Add a key here when a component calls Astro.locals.t('new.key'); `astro check` rejects unknown keys.
import { z } from 'astro/zod';
import { noticeKey, RUNTIME_NOTICES, type RuntimeCode } from '../runtime/runtime-notices.ts';

const siteKeys = ['lessons.heading', 'recording.label', 'recording.exit', 'recording.killed'] as const;
const runtimeKeys = (Object.keys(RUNTIME_NOTICES) as RuntimeCode[]).map(noticeKey);

export const uiKeys: readonly string[] = [...siteKeys, ...runtimeKeys];

export const uiStrings = z.object(
  Object.fromEntries(uiKeys.map((key) => [key, z.string()])) as {
    [K in (typeof siteKeys)[number] | ReturnType<typeof noticeKey>]: z.ZodString;
  },
);
