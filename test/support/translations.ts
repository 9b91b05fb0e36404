// The site's own dictionaries (src/content/i18n/*.json) as a page script gets them: for unit tests of code that
// words things with `t()`, so they read the real sentences of each language.
import { readFileSync } from 'node:fs';
import { createTranslator, type Translate, type Translations } from '../../src/lib/i18n/translate.ts';

export const dictionaryFiles = { en: 'src/content/i18n/en.json', zh: 'src/content/i18n/zh-CN.json' } as const;

export function dictionary(lang: keyof typeof dictionaryFiles): Translations {
  return JSON.parse(readFileSync(dictionaryFiles[lang], 'utf8')) as Translations;
}

export function translator(lang: keyof typeof dictionaryFiles): Translate {
  return createTranslator(dictionary(lang));
}
