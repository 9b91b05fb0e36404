// The build log is clean: `npm run build` (scripts/build-site.mjs) keeps astro's log in .cache/build.log, and a
// warning in it fails here, so a new one is fixed (or, when it is someone else's bug, filtered precisely and
// explained, as astro.config.mjs does for MODULE_LEVEL_DIRECTIVE) instead of scrolling past unread.
import { existsSync, readFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';

const logPath = '.cache/build.log';

describe('the build log', () => {
  it('has no warnings', () => {
    if (!existsSync(logPath)) throw new Error(`${logPath} is missing: run \`npm run build\` first (npm test does it).`);
    const lines = stripVTControlCharacters(readFileSync(logPath, 'utf8')).split('\n');
    expect(
      lines.some((line) => line.includes('[build] Complete!')),
      'the log of a finished build',
    ).toBe(true);
    // Astro prints "[WARN]" (Vite's and rolldown's warnings come through it too); "(!)" is Rollup's style.
    const warnings = lines.filter((line) => /\[WARN\]|\[ERROR\]|^\(!\)|\bwarning:/i.test(line));
    expect(warnings).toEqual([]);
  });
});
