// Benchmark: does a flood of output keep the page responsive? Prints numbers; no test asserts on them.
// Chromium on lesson 0's playground, which runs a program that floods its output through the local runner; a
// PerformanceObserver counts the page's long tasks (> 50 ms) from Run until the output has caught up.
// - by default under `astro dev` (the local runner's home);
// - --dist: the production build (dist/, built first unless --no-build) served by a plain server with the same
//   runner endpoint mounted, the page told where it is as the dev integration would: minified code, no Vite;
// - --trace: a Chromium trace of each run (devtools.timeline) says what each long task spent its time on
//   (script by function, style, layout forced by script or not, paint, GC), to tell our code from the rest, and
//   the longest task by wall time and by the main thread's CPU time (a loaded machine stretches the first only);
// - --profile: a CPU profile of each run (self time by function); --repeat N: each case N times.
// Usage: node scripts/bench-output.ts [--case million-lines|colour-lines|ten-mb-line] [--dist [--no-build]]
//        [--trace [--trace-out PREFIX]] [--profile] [--repeat N] [--path /en/lessons/00-introduction/]
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { createLocalRunnerEndpoint } from '../src/integrations/local-runner/endpoint.ts';
import { closeSession, openSession } from '../src/integrations/local-runner/session.ts';
import { LOCAL_RUNNER_ENDPOINT, LOCAL_RUNNER_GLOBAL } from '../src/lib/runtime/local-runner-protocol.ts';
import { launchBrowser } from '../test/support/browser.ts';
import { startDevServer } from '../test/support/dev-server.ts';
import { freePort } from '../test/support/free-port.ts';
import {
  longestTask,
  startTracing,
  summariseLongTasks,
  type CpuProfile,
  type TraceEvent,
} from './lib/trace-summary.ts';

const argv = process.argv.slice(2);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const lessonPath = option('--path') ?? '/en/lessons/00-introduction/';

// Each program writes in big chunks, so the run is limited by the page, not by console.log.
const cases: Record<string, string> = {
  'million-lines': `let text = '';
for (let i = 0; i < 1_000_000; i++) {
  text += 'line ' + i + '\\n';
  if (text.length > 65536) { process.stdout.write(text); text = ''; }
}
process.stdout.write(text);
`,
  'colour-lines': `let text = '';
for (let i = 0; i < 1_000_000; i++) {
  text += '\\u001b[32mline\\u001b[0m ' + i + '\\n';
  if (text.length > 65536) { process.stdout.write(text); text = ''; }
}
process.stdout.write(text);
`,
  'ten-mb-line': `process.stdout.write('x'.repeat(10 * 1024 * 1024) + 'end');
`,
};
const chosen = option('--case');
const names = chosen ? [chosen] : Object.keys(cases);

interface Figures {
  longTasks: number;
  longestMs: number;
  totalLongMs: number;
  wallMs: number;
  status: string;
  shownLines: number;
  lastLine: string;
}

/** --profile: where the page's main thread spent its time during the measured run (self time). */
function printProfile(profile: CpuProfile): void {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
    console.log(`  ${Math.round(ms).toString().padStart(6)} ms  ${key}`);
  }
}

async function measure(page: Page, program: string, beforeRun: () => Promise<void>): Promise<Figures> {
  await page.goto(process.env.BENCH_BASE_URL + lessonPath + '?runner=local', { timeout: 120_000 });
  const playground = page.locator('[data-playground]').first();
  await playground.locator('button[data-action="edit"]').click();
  await page.waitForFunction(
    () => !!(document.querySelector('[data-playground]') as { playgroundEditor?: unknown })?.playgroundEditor,
    undefined,
    { timeout: 120_000 },
  );
  await playground.evaluate((el, text) => {
    const root = el as HTMLElement & { playgroundEditor: { replace(path: string, text: string): void } };
    root.playgroundEditor.replace('src/main.ts', text);
  }, program);
  // Warm the runner so the boot is not measured.
  await playground.locator('button[data-action="run"]').click();
  await page.waitForFunction(
    () => /exit|退出/.test(document.querySelector('.pg-status')?.textContent ?? ''),
    undefined,
    {
      timeout: 180_000,
    },
  );
  await beforeRun();
  return playground.evaluate(async (root) => {
    const tasks: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => tasks.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    const status = root.querySelector('.pg-status')!;
    const started = performance.now();
    (root.querySelector('button[data-action="run"]') as HTMLButtonElement).click();
    await new Promise<void>((resolve) => {
      const poll = () => (/running|运行中/i.test(status.textContent ?? '') ? setTimeout(poll, 20) : resolve());
      // Wait until the run has started, then until its exit is shown.
      const waitStart = () => (/running|运行中/i.test(status.textContent ?? '') ? poll() : setTimeout(waitStart, 20));
      waitStart();
    });
    await new Promise<void>((resolve) => {
      const poll = () => (/exit|退出|stopped|timed/i.test(status.textContent ?? '') ? resolve() : setTimeout(poll, 20));
      poll();
    });
    // The status is final once the output has caught up (the playground marks the output then).
    const output = root.querySelector<HTMLElement>('.pg-output')!;
    while (output.dataset.settled !== 'true') await new Promise((resolve) => setTimeout(resolve, 20));
    const wallMs = performance.now() - started;
    observer.disconnect();
    const lines = root.querySelectorAll('.pg-output pre [data-id]');
    return {
      longTasks: tasks.length,
      longestMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
      totalLongMs: Math.round(tasks.reduce((sum, t) => sum + t.duration, 0)),
      wallMs: Math.round(wallMs),
      status: status.textContent ?? '',
      shownLines: lines.length,
      lastLine: (lines[lines.length - 1]?.textContent ?? '').slice(-40),
    };
  });
}

/**
 * --dist: a private copy of dist/ served with the local runner's endpoint mounted, as `astro dev` mounts it; the
 * page gets the endpoint's address and token the way the dev integration gives it (a global set before load).
 */
async function serveDist(): Promise<{ baseUrl: string; pageConfig: string; stop(): Promise<void> }> {
  const root = resolve(import.meta.dirname, '..');
  const siteCopy = join(tmpdir(), `async-lab-bench-output-${process.pid}`);
  const build = argv.includes('--no-build')
    ? ''
    : `${JSON.stringify(process.execPath)} node_modules/astro/bin/astro.mjs build >&2 && `;
  console.error('Building the site (serialised with other builds by /tmp/site-build.lock)…');
  execFileSync('flock', ['/tmp/site-build.lock', 'sh', '-c', `${build}rm -rf ${siteCopy} && cp -r dist ${siteCopy}`], {
    cwd: root,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const log = { info: () => {}, warn: (message: string) => console.error(`[local runner] ${message}`) };
  const session = openSession(log);
  const endpoint = createLocalRunnerEndpoint({
    endpoint: LOCAL_RUNNER_ENDPOINT,
    token: session.token,
    examplesDir: join(root, 'examples'),
    nodeModulesDir: join(root, 'node_modules'),
    sessionDir: session.dir,
    log,
  });
  const types: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript',
    '.mjs': 'text/javascript',
    '.css': 'text/css',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.woff2': 'font/woff2',
    '.ttf': 'font/ttf',
    '.wasm': 'application/wasm',
  };
  const server: Server = createServer((req, res) =>
    endpoint.handle(req, res, () => {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
      let file = join(siteCopy, path);
      if (!file.startsWith(siteCopy) || !existsSync(file)) return void res.writeHead(404).end();
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      if (!existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' });
      res.end(readFileSync(file));
    }),
  );
  const port = await freePort();
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    pageConfig: `globalThis[${JSON.stringify(LOCAL_RUNNER_GLOBAL)}] = ${JSON.stringify({
      endpoint: LOCAL_RUNNER_ENDPOINT,
      token: session.token,
    })};`,
    async stop() {
      await endpoint.stopAll();
      server.close();
      closeSession(session, log);
      rmSync(siteCopy, { recursive: true, force: true });
    },
  };
}

const dist = argv.includes('--dist') ? await serveDist() : undefined;
const dev = process.env.BENCH_BASE_URL || dist ? undefined : await startDevServer();
process.env.BENCH_BASE_URL ??= (dist ?? dev)!.baseUrl;
const repeat = Number(option('--repeat') ?? 1);
const browser = await launchBrowser();
try {
  for (const name of names) {
    for (let round = 0; round < repeat; round++) {
      const page = await browser.newPage();
      if (dist) await page.addInitScript(dist.pageConfig);
      const cdp =
        argv.includes('--profile') || argv.includes('--trace') ? await page.context().newCDPSession(page) : undefined;
      let endTrace: (() => Promise<TraceEvent[]>) | undefined;
      if (argv.includes('--profile')) await cdp!.send('Profiler.enable');
      const figures = await measure(page, cases[name]!, async () => {
        if (argv.includes('--profile')) await cdp!.send('Profiler.start');
        if (argv.includes('--trace')) endTrace = await startTracing(cdp!);
      });
      const load = Math.round(loadavg()[0]! * 10) / 10;
      console.log(JSON.stringify({ case: name, build: dist ? 'production' : 'dev', load, ...figures }));
      const profile = argv.includes('--profile')
        ? ((await cdp!.send('Profiler.stop')) as { profile: CpuProfile }).profile
        : undefined;
      if (profile) printProfile(profile);
      if (endTrace) {
        const events = await endTrace();
        // Wall time counts the time the page waited for a CPU too; CPU time is the page's own work.
        console.log(JSON.stringify({ case: name, longestTaskInTrace: longestTask(events) }));
        const traceOut = option('--trace-out');
        if (traceOut) writeFileSync(`${traceOut}-${name}-${round}.json`, JSON.stringify({ traceEvents: events }));
        for (const task of summariseLongTasks(events, 50, profile)) {
          const parts = task.parts.slice(0, 6).map(([what, ms]) => `${what} ${ms}`);
          console.log(
            `  long task at ${task.startMs} ms: ${task.durationMs} ms (CPU ${task.cpuMs} ms) = ${parts.join(' · ')}`,
          );
          const functions = task.functions.slice(0, 5).map(([what, ms]) => `${what} ${ms}`);
          if (functions.length > 0) console.log(`    script self time: ${functions.join(' · ')}`);
        }
      }
      await page.close();
    }
  }
} finally {
  await browser.close();
  await dev?.stop();
  await dist?.stop();
}
