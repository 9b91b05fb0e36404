// `npm run lock:examples`: writes examples/package-lock.json from the repository's package-lock.json (run it after
// `npm install` changes an example's dependencies; test/content/examples-lockfile.test.ts says when).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { examplesDir, examplesLockfile, formatLockfile } from './lib/examples-lockfile.ts';

const lock = examplesLockfile();
writeFileSync(join(examplesDir, 'package-lock.json'), formatLockfile(lock));
console.log(`examples/package-lock.json: ${Object.keys(lock.packages).length} entries, cut from package-lock.json`);
