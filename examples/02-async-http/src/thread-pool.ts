// The same eight hashes with a thread pool of 4, then of 8. The pool's size is read once, when the process
// starts, so each size gets a process of its own (in a terminal: UV_THREADPOOL_SIZE=8 node src/eight-hashes.ts).
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const eightHashes = fileURLToPath(new URL('./eight-hashes.ts', import.meta.url));

for (const size of ['4', '8']) {
  const { stdout } = await run(process.execPath, [eightHashes], {
    env: { ...process.env, UV_THREADPOOL_SIZE: size },
  });
  process.stdout.write(stdout);
}
