import { describe, expect, it } from 'vitest';
import { lessonFiles, locales } from '../support/lessons.ts';

describe('lessons in both languages', () => {
  const byLocale = Object.fromEntries(locales.map((locale) => [locale, lessonFiles(locale)]));

  it('has the same lessons in Chinese and English', () => {
    const names = (locale: string) => byLocale[locale]!.map((lesson) => lesson.file);
    const onlyZh = names('zh').filter((file) => !names('en').includes(file));
    const onlyEn = names('en').filter((file) => !names('zh').includes(file));
    expect(onlyZh, 'lessons missing their English version').toEqual([]);
    expect(onlyEn, 'lessons missing their Chinese version').toEqual([]);
    expect(names('zh').length).toBeGreaterThan(0);
  });

  for (const locale of locales) {
    it(`${locale}: every lesson says its locale, and its order matches its file name`, () => {
      for (const lesson of byLocale[locale]!) {
        expect(lesson.frontmatter.locale, `locale in ${lesson.path}`).toBe(locale);
        expect(lesson.frontmatter.order, `order in ${lesson.path}`).toBe(Number(lesson.file.slice(0, 2)));
      }
    });
  }

  it('gives a lesson the same order, seed sections and example in both languages', () => {
    for (const zh of byLocale.zh!) {
      const en = byLocale.en!.find((lesson) => lesson.file === zh.file);
      if (!en) continue;
      for (const field of ['order', 'seed', 'example']) {
        expect(en.frontmatter[field], `${field} of ${zh.file}`).toEqual(zh.frontmatter[field]);
      }
    }
  });
});
