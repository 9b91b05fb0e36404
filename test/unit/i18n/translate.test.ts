import { describe, expect, it } from 'vitest';
import { translationsFor } from '../../../src/lib/i18n/page-translations.ts';
import { createTranslator, fill, readTranslations } from '../../../src/lib/i18n/translate.ts';

describe('translation in the page', () => {
  it('fills i18next-style placeholders and leaves unknown ones visible', () => {
    expect(fill('Stopped after {{seconds}} s ({{ seconds }})', { seconds: 3 })).toBe('Stopped after 3 s (3)');
    expect(fill('Hello {{name}}', {})).toBe('Hello {{name}}');
  });

  it('answers a missing key with the key itself, so a gap is visible', () => {
    const t = createTranslator({ 'runtime.ready': 'Ready.' });
    expect(t('runtime.ready')).toBe('Ready.');
    expect(t('runtime.nope')).toBe('runtime.nope');
  });

  it('hands a page only the keys its script needs', () => {
    const all = { 'runtime.ready': 'Ready.', 'playground.run': 'Run', 'search.label': 'Search' };
    expect(translationsFor({ all: () => all }, ['runtime.', 'playground.'])).toEqual({
      'runtime.ready': 'Ready.',
      'playground.run': 'Run',
    });
  });

  it('reads the slice back from data-translations, and survives a broken one', () => {
    const element = (value: string | null) => ({ getAttribute: () => value }) as unknown as Element;
    expect(readTranslations(element('{"runtime.ready":"就绪。"}'))).toEqual({ 'runtime.ready': '就绪。' });
    expect(readTranslations(element('{broken'))).toEqual({});
    expect(readTranslations(element(null))).toEqual({});
  });
});
