// Build-time helper for components with a block of words (the diagrams): rebuilds the object stored in the
// dictionary under a prefix, where `a.b` keys are fields and `a.0`, `a.1`… items of a list. One dictionary for
// every word the site says, and a component still reads its words as one object.
import type { DictionarySource } from './page-translations.ts';

export function dictionaryText<T>(t: DictionarySource, prefix: string): T {
  const root: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(t.all())) {
    if (!key.startsWith(prefix)) continue;
    const path = key.slice(prefix.length).split('.');
    let node: Record<string, unknown> = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : {}) as Record<string, unknown>;
    });
  }
  if (Object.keys(root).length === 0) throw new Error(`The dictionary has no words under "${prefix}".`);
  return root as T;
}
