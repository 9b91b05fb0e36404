// A lesson with bad frontmatter must stop the build with a message naming the file and the field.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Inside the repo, so the copy resolves the root node_modules.
const scratchParent = resolve('.cache');
let site: string;

beforeAll(() => {
  mkdirSync(scratchParent, { recursive: true });
  site = mkdtempSync(join(scratchParent, 'frontmatter-'));
  for (const path of ['astro.config.mjs', 'tsconfig.json', 'src', 'public']) {
    cpSync(path, join(site, path), { recursive: true });
  }
});
afterAll(() => rmSync(site, { recursive: true, force: true }));

function syncWith(lesson: string): { ok: boolean; output: string } {
  const file = join(site, 'src/content/docs/en/lessons/98-broken.mdx');
  writeFileSync(file, lesson);
  const result = spawnSync(process.execPath, ['node_modules/astro/bin/astro.mjs', 'sync', '--root', site], {
    encoding: 'utf8',
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0', NO_COLOR: '1' },
  });
  rmSync(file);
  return { ok: result.status === 0, output: result.stdout + result.stderr };
}

describe('lesson frontmatter', () => {
  it('rejects a wrongly typed field, naming the file and the field', () => {
    const { ok, output } = syncWith(
      '---\ntitle: Broken\ndescription: x\norder: "first"\nlocale: en\nseed: ["11.1"]\n---\n',
    );
    expect(ok).toBe(false);
    expect(output).toContain('98-broken.mdx');
    expect(output).toMatch(/order/);
  });

  it('rejects a lesson without its course fields, naming the missing one', () => {
    const { ok, output } = syncWith('---\ntitle: Broken\ndescription: x\norder: 98\nlocale: en\n---\n');
    expect(ok).toBe(false);
    expect(output).toContain('98-broken.mdx');
    expect(output).toMatch(/seed/);
  });

  it('accepts a well-formed lesson (so the two failures above are about the field)', () => {
    const { ok, output } = syncWith('---\ntitle: Fine\ndescription: x\norder: 98\nlocale: en\nseed: ["11.1"]\n---\n');
    expect(output).not.toMatch(/InvalidContentEntry/);
    expect(ok).toBe(true);
  });
});
