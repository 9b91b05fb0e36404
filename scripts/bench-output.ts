// Benchmark: does a flood of output keep the page responsive? Prints numbers; no test asserts on them.
// `astro dev` (local runner) and Chromium; lesson 0's playground runs a program that floods its output, and a
// PerformanceObserver counts the page's long tasks (> 50 ms) from Run until the status shows the exit.
// Usage: node scripts/bench-output.ts [--case million-lines|colour-lines|ten-mb-line] [--path /en/lessons/00-introduction/]
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.ts';
import { startDevServer } from '../test/support/dev-server.ts';

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

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
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
    const lines = root.querySelectorAll('.pg-output pre > div');
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

const dev = process.env.BENCH_BASE_URL ? undefined : await startDevServer();
process.env.BENCH_BASE_URL ??= dev!.baseUrl;
const browser = await launchBrowser();
try {
  for (const name of names) {
    const page = await browser.newPage();
    const cdp = argv.includes('--profile') ? await page.context().newCDPSession(page) : undefined;
    if (cdp) await cdp.send('Profiler.enable');
    const figures = await measure(page, cases[name]!, async () => void (await cdp?.send('Profiler.start')));
    console.log(JSON.stringify({ case: name, ...figures }));
    if (cdp) printProfile(((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile);
    await page.close();
  }
} finally {
  await browser.close();
  await dev?.stop();
}
