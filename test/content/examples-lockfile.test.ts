// examples/package-lock.json is what a copied examples/ installs: it must hold exactly the versions the
// repository's own lockfile (what the tests ran on) resolved for the examples.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { examplesDir, examplesLockfile, formatLockfile } from '../../scripts/lib/examples-lockfile.ts';

it('examples/package-lock.json is cut from package-lock.json as it is now', () => {
  const committed = readFileSync(join(examplesDir, 'package-lock.json'), 'utf8');
  expect(committed, 'examples/package-lock.json is stale: run `npm run lock:examples` and commit it').toBe(
    formatLockfile(examplesLockfile()),
  );
});
