// The site's one dictionary per language: every key the site declares has a sentence in every language, and
// each runtime notice's sentence uses exactly the parameters its code declares (a sentence that forgets
// {{seconds}} or names a parameter the runner never sends is a bug the reader would see).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { noticeKey, RUNTIME_NOTICES, type RuntimeCode } from '../../src/lib/runtime/runtime-notices.ts';
import { uiKeys } from '../../src/lib/site/ui-strings.ts';

const dictionaries = ['en', 'zh-CN'].map((lang) => ({
  lang,
  words: JSON.parse(
    readFileSync(resolve(import.meta.dirname, `../../src/content/i18n/${lang}.json`), 'utf8'),
  ) as Record<string, string>,
}));

const placeholders = (sentence: string) =>
  [...sentence.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort();

const english = dictionaries[0]!.words;

describe.each(dictionaries)('the $lang dictionary', ({ words }) => {
  it('has exactly the keys of the English one (en.json lists the site’s words)', () => {
    expect(Object.keys(words).sort()).toEqual(Object.keys(english).sort());
  });

  it('fills the same placeholders as the English sentence', () => {
    for (const [key, sentence] of Object.entries(english)) {
      expect(placeholders(words[key] ?? ''), key).toEqual(placeholders(sentence));
    }
  });

  it('has a sentence for every declared key', () => {
    expect(uiKeys.filter((key) => !words[key]?.trim())).toEqual([]);
  });

  it('words every runtime notice with exactly its parameters', () => {
    for (const code of Object.keys(RUNTIME_NOTICES) as RuntimeCode[]) {
      expect(placeholders(words[noticeKey(code)] ?? ''), code).toEqual([...RUNTIME_NOTICES[code]].sort());
    }
  });
});
