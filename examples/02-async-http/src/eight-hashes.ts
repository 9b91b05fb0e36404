// Eight password hashes at once. crypto.pbkdf2 does not run on the event loop: libuv hands it to its thread
// pool, which has UV_THREADPOOL_SIZE threads (4 unless the environment says otherwise, read once at start-up).
import { pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';

const hash = promisify(pbkdf2);
const poolSize = process.env.UV_THREADPOOL_SIZE ?? '4 (the default)';
const start = performance.now();
const seconds = () => `${((performance.now() - start) / 1000).toFixed(1)} s`;

const finished = await Promise.all(
  Array.from({ length: 8 }, async (_, i) => {
    await hash(`password-${i + 1}`, 'salt', 100_000, 64, 'sha512');
    return `#${i + 1} ${seconds()}`;
  }),
);
console.log(`thread pool of ${poolSize}: ${finished.join(', ')}`);
