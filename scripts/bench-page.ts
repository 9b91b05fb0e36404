// Benchmark of a lesson page with a Playground (prints numbers; see BENCHMARKS.md for the recorded figures):
//  1. cold load of a private copy of the built site (gzip + COOP/COEP, like the static host) with
//     ../shared/tools/measure-page.mjs (beside the repository): JS bytes before interaction, LCP, Lighthouse
//     desktop/mobile;
//  2. the first click (Edit) on that copy: bytes until the editor is usable, then until TypeScript diagnostics;
//  3. with the local runner (astro dev): Run → first output line, after a first run has warmed things up.
// Usage: node scripts/bench-page.ts [--no-build] [--no-cold-load] [--no-first-click] [--no-local-runner]
//        [--path /en/lessons/00-introduction/] [--runs 3] [--no-lighthouse] [--measure-page path/to/measure-page.mjs]
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { crossOriginIsolation } from '../src/lib/site/cross-origin-isolation.mjs';
import { launchBrowser } from '../test/support/browser.ts';
import { startDevServer } from '../test/support/dev-server.ts';
import { freePort } from '../test/support/free-port.ts';
import { measureFirstClick } from './lib/measure-first-click.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1]! : fallback;
};
const root = resolve(import.meta.dirname, '..');
const lessonPath = option('--path', '/en/lessons/00-introduction/');
const runs = option('--runs', '3');
const measurePage = resolve(root, option('--measure-page', '../shared/tools/measure-page.mjs'));
if (!argv.includes('--no-cold-load') && !existsSync(measurePage)) {
  throw new Error(`${measurePage} is missing: pass --measure-page with the path of measure-page.mjs.`);
}
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };

const serveCopy = !argv.includes('--no-cold-load') || !argv.includes('--no-first-click');

// Build and copy dist/ while holding the build lock, so other engineers' builds cannot swap the files mid-measure.
const siteCopy = join(tmpdir(), `async-lab-bench-site-${process.pid}`);
if (serveCopy) {
  console.error('Building the site (serialised with other builds by /tmp/site-build.lock)…');
  const buildStep = argv.includes('--no-build')
    ? ''
    : `${JSON.stringify(process.execPath)} node_modules/astro/bin/astro.mjs build >&2 && `;
  execFileSync(
    'flock',
    ['/tmp/site-build.lock', 'sh', '-c', `${buildStep}rm -rf ${siteCopy} && cp -r dist ${siteCopy}`],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

// measure-page.mjs imports playwright-core and lighthouse: run a copy where node_modules resolves them.
const benchDir = join(root, 'node_modules/.cache/async-lab-bench');
mkdirSync(benchDir, { recursive: true });
if (!argv.includes('--no-cold-load')) copyFileSync(measurePage, join(benchDir, 'measure-page.mjs'));

const served = serveCopy
  ? await withPreview(async (baseUrl) => ({
      coldLoad: argv.includes('--no-cold-load') ? null : await measureColdLoad(baseUrl),
      firstClick: argv.includes('--no-first-click') ? null : await measureFirstClicks(baseUrl),
    }))
  : { coldLoad: null, firstClick: null };

const firstOutput = argv.includes('--no-local-runner') ? null : await measureRunToFirstOutput(5);

console.log(JSON.stringify({ page: lessonPath, ...served, localRunner: firstOutput }, null, 2));

async function measureColdLoad(baseUrl: string): Promise<unknown> {
  const out = join(benchDir, 'measure.json');
  const args = [join(benchDir, 'measure-page.mjs'), baseUrl + lessonPath, '--runs', runs, '--out', out];
  if (!argv.includes('--no-lighthouse')) args.push('--lighthouse');
  console.error(`Measuring ${lessonPath} (cold load, ${runs} runs)…`);
  // Asynchronously: this process also serves the pages being measured.
  const child = promisify(execFile)(process.execPath, args, { cwd: root, maxBuffer: 64 * 1024 * 1024 });
  child.child.stderr?.pipe(process.stderr);
  await child;
  return JSON.parse(readFileSync(out, 'utf8')) as unknown;
}

/** The first click, `runs` times in fresh contexts; byte counts should not vary, times will. */
async function measureFirstClicks(baseUrl: string) {
  console.error(`Measuring the first click on ${lessonPath} (${runs} runs)…`);
  const browser = await launchBrowser();
  try {
    const results = [];
    for (let i = 0; i < Number(runs); i++) results.push(await measureFirstClick(browser, baseUrl + lessonPath));
    const first = results[0]!;
    return {
      editorUsable: first.editorUsable,
      diagnostics: first.diagnostics,
      msPerRun: results.map((r) => ({ editorUsable: r.editorUsable.ms, diagnostics: r.diagnostics.ms })),
      bytesStableAcrossRuns: results.every(
        (r) => r.editorUsable.gzip6 === first.editorUsable.gzip6 && r.diagnostics.gzip6 === first.diagnostics.gzip6,
      ),
    };
  } finally {
    await browser.close();
  }
}

/** Serves the private copy of the site like a static host would: gzip, and the cross-origin isolation headers. */
async function withPreview<T>(action: (baseUrl: string) => Promise<T>): Promise<T> {
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.ttf': 'font/ttf',
    '.png': 'image/png',
    '.zip': 'application/zip',
  };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = join(siteCopy, path);
    if (!file.startsWith(siteCopy) || !existsSync(file)) return void res.writeHead(404).end();
    if (statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end();
    const type = types[extname(file)] ?? 'application/octet-stream';
    const headers: Record<string, string> = { ...crossOriginIsolation, 'Content-Type': type };
    let body: Buffer = readFileSync(file);
    if (/text|javascript|json|svg/.test(type) && /gzip/.test(String(req.headers['accept-encoding']))) {
      body = gzipSync(body);
      headers['Content-Encoding'] = 'gzip';
    }
    res.writeHead(200, headers).end(body);
  });
  const port = await freePort();
  await new Promise<void>((resolveListen) => server.listen(port, '127.0.0.1', resolveListen));
  try {
    return await action(`http://127.0.0.1:${port}`);
  } finally {
    server.close();
    rmSync(siteCopy, { recursive: true, force: true });
  }
}

/** Clicks Run `times` times after one warm-up run; time from the click to the first line of live output. */
async function measureRunToFirstOutput(times: number) {
  console.error('Measuring Run → first output with the local runner (astro dev)…');
  const dev = await startDevServer();
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(dev.baseUrl + lessonPath);
    const playground = page.locator('[data-playground]').first();
    const runOnce = () =>
      playground.evaluate(
        (root) =>
          new Promise<number>((resolveRun, reject) => {
            const pre = root.querySelector('.pg-output pre')!;
            // Line ids keep counting across runs: a line of this run has an id above every line shown now.
            const ids = () => [...pre.querySelectorAll<HTMLElement>('div[data-id]')].map((d) => Number(d.dataset.id));
            const before = Math.max(-1, ...ids());
            let started = 0;
            const observer = new MutationObserver(() => {
              if (started && ids().some((id) => id > before)) {
                observer.disconnect();
                resolveRun(performance.now() - started);
              }
            });
            observer.observe(pre, { childList: true, subtree: true, characterData: true });
            setTimeout(() => reject(new Error('no output within 120 s')), 120_000);
            started = performance.now();
            root.querySelector<HTMLButtonElement>('button[data-action="run"]')!.click();
          }),
      );
    const root = await playground.elementHandle();
    const waitForExit = () =>
      page.waitForFunction((el) => el?.getAttribute('data-state') === 'exited', root, { timeout: 120_000 });
    const firstRunMs = await runOnce(); // loads the editor and runner chunks and boots the runner
    await waitForExit();
    // Engagement also loads the editor and its TypeScript worker in the background: let that finish first,
    // so the samples measure the runner, not a page still busy loading Monaco.
    await page.waitForFunction((el) => !!(el as { playgroundEditor?: unknown })?.playgroundEditor, root, {
      timeout: 120_000,
    });
    await page.waitForTimeout(5_000);
    const samples: number[] = [];
    for (let i = 0; i < times; i++) {
      samples.push(await runOnce());
      await waitForExit();
    }
    const sorted = [...samples].sort((a, b) => a - b);
    return {
      firstRunMs: Math.round(firstRunMs),
      laterRunsMs: samples.map(Math.round),
      medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]!),
    };
  } finally {
    await browser.close();
    await dev.stop();
  }
}
