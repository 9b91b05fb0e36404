// The page half of the site's one translation system. Words live in Starlight's i18n dictionaries
// (src/content/i18n/*.json); a component hands the slice its script needs to the page as data (see
// page-translations.ts), and the script words things with `t(key, params)` from that slice. Framework-free and
// tiny, because it ships with the first script of a lesson page.

/** Key → sentence, with i18next-style `{{name}}` placeholders (the dictionaries' own format). */
export type Translations = Readonly<Record<string, string>>;

export type TranslationParams = Readonly<Record<string, string | number>>;

export type Translate = (key: string, params?: TranslationParams) => string;

/**
 * A `t()` over one slice. A missing key returns the key itself, so a gap shows up as `runtime.some-code` on the
 * page (and in tests) rather than as an empty line.
 */
export function createTranslator(translations: Translations): Translate {
  return (key, params = {}) => fill(translations[key] ?? key, params);
}

/** Replaces `{{name}}` (or `{{ name }}`) with its value; unknown names stay as they are. */
export function fill(template: string, params: TranslationParams): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Reads the slice a component put on an element as `data-translations` (JSON). */
export function readTranslations(element: Element): Translations {
  try {
    const parsed: unknown = JSON.parse(element.getAttribute('data-translations') ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Translations) : {};
  } catch {
    return {};
  }
}
