// Builds the WebContainer snapshot of examples/ (with their node_modules) by hand; `astro build` does it too.
//   node scripts/build-snapshot.ts [--out dist/webcontainer/examples.bin]
// The builder itself is src/integrations/webcontainer-snapshot/snapshot-builder.ts (loaded by astro.config.mjs).
import { cp, mkdir } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSnapshot } from '../src/integrations/webcontainer-snapshot/snapshot-builder.ts';

export { buildSnapshot, type SnapshotResult } from '../src/integrations/webcontainer-snapshot/snapshot-builder.ts';

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const outIndex = process.argv.indexOf('--out');
  const out = outIndex === -1 ? undefined : resolve(process.argv[outIndex + 1] ?? '');
  const result = await buildSnapshot({ repoRoot, log: (message) => console.log(message) });
  if (out) {
    await mkdir(dirname(out), { recursive: true });
    await cp(result.gzipFile, out); // as the site ships it
  }
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  console.log(
    `${result.cached ? 'cached' : 'built'} snapshot: ${mb(result.bytes)} MB (${result.bytes} bytes), ` +
      `${mb(result.gzipBytes)} MB gzip${out ? ` → ${relative(repoRoot, out)}` : ''}`,
  );
  for (const path of result.removedNativeFiles) console.log(`removed native addon: ${path}`);
}
