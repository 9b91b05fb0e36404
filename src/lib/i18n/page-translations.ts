// The build half of the translation system: picks the part of Starlight's dictionary (Astro.locals.t) that a
// script in the page needs, by key prefix, so only those words travel with the page (as Starlight's own
// Search.astro does for Pagefind's strings).
import type { Translations } from './translate.ts';

/** What Astro.locals.t offers that we use: the whole dictionary of the page's language. */
export interface DictionarySource {
  all(): Record<string, unknown>;
}

/** Every key of the page's dictionary that starts with one of `prefixes` (e.g. ['runtime.', 'playground.']). */
export function translationsFor(t: DictionarySource, prefixes: readonly string[]): Translations {
  return Object.fromEntries(
    Object.entries(t.all()).filter(
      (entry): entry is [string, string] =>
        typeof entry[1] === 'string' && prefixes.some((prefix) => entry[0].startsWith(prefix)),
    ),
  );
}
