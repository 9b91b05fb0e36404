// Benchmark of the WebContainer path's budgets (prints numbers; BENCHMARKS.md has the recorded figures):
//  1. StackBlitz unreachable → message: a lesson page of the built site in Chromium, where stackblitz.com does not
//     resolve; from the click on Run to the "Could not reach StackBlitz" message, on a fresh page (the runner's
//     code loads on that click; the editor follows the answer) and for a second Run on the same page once its
//     editor is there (which loads StackBlitz's frame again);
//  2. the snapshot as shipped (gzip) and the page's type-stripping worker, what a reader downloads for them;
//  3. the snapshot builder, cold (no cache) and warm (cached).
// The built site (dist/) must exist: `npm run build` first.
// Usage: node scripts/bench-webcontainer.ts [--runs 5] [--dist folder] [--fail-fast-only]
// A cold `astro build` is timed from outside with a process timer; see BENCHMARKS.md.
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { buildSnapshot } from '../src/integrations/webcontainer-snapshot/snapshot-builder.ts';
import { crossOriginIsolation } from '../src/lib/site/cross-origin-isolation.mjs';
import { launchBrowser } from '../test/support/browser.ts';
import { freePort } from '../test/support/free-port.ts';

const argv = process.argv.slice(2);
const runs = Number(argv[argv.indexOf('--runs') + 1]) || 5;
const root = resolve(import.meta.dirname, '..');
// `--dist <folder>` measures another build (e.g. a copy of dist/ from an earlier commit, for a before/after).
const dist = argv.includes('--dist') ? resolve(argv[argv.indexOf('--dist') + 1]!) : join(root, 'dist');
if (!existsSync(join(dist, 'index.html'))) throw new Error('dist/ is missing: run `npm run build` first.');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const summary = (values: number[]) =>
  `median ${median(values)} ms (min ${Math.min(...values)}, max ${Math.max(...values)}, n ${values.length})`;

// 1. Fail fast, against the built site served as a static host serves it (COOP/COEP, gzip for text).
const server = createServer((req, res) => {
  let file = join(dist, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
  if (!file.startsWith(dist) || !existsSync(file)) return void res.writeHead(404, crossOriginIsolation).end();
  if (statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file)) return void res.writeHead(404, crossOriginIsolation).end();
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const type = types[extname(file)] ?? 'application/octet-stream';
  const text = type !== 'application/octet-stream';
  const body = text ? gzipSync(readFileSync(file)) : readFileSync(file);
  res
    .writeHead(200, { ...crossOriginIsolation, 'content-type': type, ...(text ? { 'content-encoding': 'gzip' } : {}) })
    .end(body);
});
const port = await freePort();
await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
const browser = await launchBrowser();
const first: number[] = [];
const again: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext(); // a fresh cache: the reader's first visit
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/en/lessons/00-introduction/`);
    // From the click on Run to the playground's switch to "unavailable" (which shows the message), timed in the page.
    const timeRun = () =>
      page.evaluate(
        () =>
          new Promise<number>((done) => {
            const root = document.querySelector<HTMLElement>('[data-playground]')!;
            const started = performance.now();
            const observer = new MutationObserver((records) => {
              const arrived = records.some((r) => r.oldValue !== 'unavailable' && root.dataset.state === 'unavailable');
              if (arrived && root.textContent?.includes('Could not reach StackBlitz')) {
                observer.disconnect();
                done(Math.round(performance.now() - started));
              }
            });
            observer.observe(root, { attributes: true, attributeFilter: ['data-state'], attributeOldValue: true });
            root.querySelector<HTMLButtonElement>('button[data-action="run"]')!.click();
          }),
      );
    first.push(await timeRun());
    // The editor follows the first Run's answer (editor-after-run.ts); the reader reads the message meanwhile,
    // and a second Run comes on a page whose editor is there.
    await page.waitForFunction(() => 'playgroundEditor' in document.querySelector('[data-playground]')!, undefined, {
      timeout: 120_000,
    });
    again.push(await timeRun());
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
console.log(`StackBlitz unreachable → message, first Run on a fresh page: ${summary(first)}`);
console.log(`StackBlitz unreachable → message, a later Run on the same page (editor loaded): ${summary(again)}`);

if (argv.includes('--fail-fast-only')) process.exit(0);

// 2. What a reader downloads for WebContainer runs.
const snapshotBytes = statSync(join(dist, 'webcontainer/examples.bin')).size;
const worker = readdirSync(join(dist, '_astro')).find((name) => name.startsWith('strip-types-worker'));
const workerGzip = worker ? gzipSync(readFileSync(join(dist, '_astro', worker))).byteLength : 0;
console.log(`snapshot as shipped (gzip): ${snapshotBytes} bytes (${(snapshotBytes / 1e6).toFixed(2)} MB)`);
console.log(`type-stripping worker (amaro), gzip, loaded on the first Run with edits: ${workerGzip} bytes`);

// 3. The snapshot builder: cold (its cache removed) and warm.
rmSync(join(root, '.cache/snapshot'), { recursive: true, force: true });
let started = performance.now();
const cold = await buildSnapshot({ repoRoot: root });
const coldMs = Math.round(performance.now() - started);
started = performance.now();
const warm = await buildSnapshot({ repoRoot: root });
const warmMs = Math.round(performance.now() - started);
console.log(`snapshot build: cold ${coldMs} ms (cached: ${cold.cached}), warm ${warmMs} ms (cached: ${warm.cached})`);
