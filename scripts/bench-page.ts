// Benchmark of a lesson page with a Playground (prints numbers; see BENCHMARKS.md for the recorded figures):
//  1. cold load of the built site (astro preview) with /work/shared/tools/measure-page.mjs: JS bytes before
//     interaction, LCP, Lighthouse desktop/mobile;
//  2. with the local runner (astro dev): Run → first output line, after a first run has warmed things up.
// Usage: node scripts/bench-page.ts [--no-build] [--path /en/lessons/00-introduction/] [--runs 3] [--no-lighthouse]
//        [--measure-page /work/shared/tools/measure-page.mjs]
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../test/support/browser.ts';
import { startDevServer } from '../test/support/dev-server.ts';
import { freePort } from '../test/support/free-port.ts';

const argv = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1]! : fallback;
};
const root = resolve(import.meta.dirname, '..');
const lessonPath = option('--path', '/en/lessons/00-introduction/');
const runs = option('--runs', '3');
const measurePage = option('--measure-page', '/work/shared/tools/measure-page.mjs');
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };

if (!argv.includes('--no-build')) {
  console.error('Building the site (serialised with other builds by /tmp/site-build.lock)…');
  execFileSync('flock', ['/tmp/site-build.lock', process.execPath, 'node_modules/astro/bin/astro.mjs', 'build'], {
    cwd: root,
    env,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

// measure-page.mjs imports playwright-core and lighthouse: run a copy where node_modules resolves them.
const benchDir = join(root, 'node_modules/.cache/async-lab-bench');
mkdirSync(benchDir, { recursive: true });
copyFileSync(measurePage, join(benchDir, 'measure-page.mjs'));

const coldLoad = await withPreview(async (baseUrl) => {
  const out = join(benchDir, 'measure.json');
  const args = [join(benchDir, 'measure-page.mjs'), baseUrl + lessonPath, '--runs', runs, '--out', out];
  if (!argv.includes('--no-lighthouse')) args.push('--lighthouse');
  console.error(`Measuring ${lessonPath} (cold load, ${runs} runs)…`);
  execFileSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  return JSON.parse(readFileSync(out, 'utf8')) as unknown;
});

console.error('Measuring Run → first output with the local runner (astro dev)…');
const firstOutput = await measureRunToFirstOutput(5);

console.log(JSON.stringify({ page: lessonPath, coldLoad, localRunner: firstOutput }, null, 2));

async function withPreview<T>(action: (baseUrl: string) => Promise<T>): Promise<T> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const preview = spawn(
    process.execPath,
    ['node_modules/astro/bin/astro.mjs', 'preview', '--host', '127.0.0.1', '--port', String(port), '--ignore-lock'],
    { cwd: root, env, stdio: 'ignore' },
  );
  try {
    for (let i = 0; i < 100; i++) {
      try {
        if ((await fetch(baseUrl + lessonPath)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    return await action(baseUrl);
  } finally {
    preview.kill();
  }
}

/** Clicks Run `times` times after one warm-up run; time from the click to the first line of live output. */
async function measureRunToFirstOutput(times: number) {
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
            setTimeout(() => reject(new Error('no output within 30 s')), 30_000);
            started = performance.now();
            root.querySelector<HTMLButtonElement>('button[data-action="run"]')!.click();
          }),
      );
    const root = await playground.elementHandle();
    const waitForExit = () =>
      page.waitForFunction((el) => el?.getAttribute('data-state') === 'exited', root, { timeout: 30_000 });
    const firstRunMs = await runOnce(); // loads the editor and runner chunks and boots the runner
    await waitForExit();
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
