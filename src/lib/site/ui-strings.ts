// Keys of the site's own interface strings (beyond Starlight's). Translations live in src/content/i18n/*.json,
// one file per language; every key here must have a sentence in each (the build fails otherwise).
// Add a word by adding its key to every dictionary; `astro check` rejects a key that en.json does not have.
import { z } from 'astro/zod';
import en from '../../content/i18n/en.json';
import { noticeKey, RUNTIME_NOTICES, type RuntimeCode } from '../runtime/runtime-notices.ts';

/**
 * Every key of the English dictionary: it is the list of the site's own words (src/content/i18n/en.json; the
 * other languages must have the same keys, see test/content/dictionaries.test.ts), plus a sentence for every
 * runtime notice code.
 */
const dictionaryKeys = Object.keys(en) as (keyof typeof en)[];
const runtimeKeys = (Object.keys(RUNTIME_NOTICES) as RuntimeCode[]).map(noticeKey);

export const uiKeys: readonly string[] = [...new Set([...dictionaryKeys, ...runtimeKeys])];

export const uiStrings = z.object(
  Object.fromEntries(uiKeys.map((key) => [key, z.string()])) as {
    [K in keyof typeof en | ReturnType<typeof noticeKey>]: z.ZodString;
  },
);
