// The local runner end to end: `astro dev` on a free port, a lesson page in Chromium, the runner client loaded
// from the dev server as the playground loads it, real processes on this machine.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent, RunExit, RunRequest } from '../../src/lib/runtime/runner.ts';
import { runsFolder } from '../../src/integrations/local-runner/session.ts';
import { browserAvailable, collectPageErrors, launchBrowser } from '../support/browser.ts';
import { startDevServer, type DevServer } from '../support/dev-server.ts';
import { isAlive } from '../support/processes.ts';

let dev: DevServer;
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  if (!browserAvailable) return; // skipped loudly by the e2e setup (a failure on CI)
  dev = await startDevServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
});

beforeEach(async () => {
  if (!browserAvailable) return;
  page = await browser.newPage();
  errors = collectPageErrors(page);
  // The dev server compiles on demand, which is slow on a busy machine.
  await page.goto(`${dev.baseUrl}/en/lessons/00-introduction/`, { timeout: 120_000 });
  return async () => {
    if (!page.isClosed()) await page.close();
  };
}, 150_000);

/**
 * page.evaluate that survives one dev-server full reload (others editing lessons or sources while the tests run
 * make Vite reload the page, which destroys the evaluation context).
 */
async function evaluate<T>(script: string): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return (await page.evaluate(script)) as T;
    } catch (error) {
      if (attempt === 3 || !/Execution context was destroyed|navigation/.test(String(error))) throw error;
      await page.waitForLoadState('load');
    }
  }
}

/** The dev server's run folders (named after its pid), which must be empty whenever no run is going. */
function runFolders(): string[] {
  const root = runsFolder();
  const session = readdirSync(root).find((name) => name.startsWith(`session-${dev.pid}-`));
  return session ? readdirSync(join(root, session)) : [];
}

declare global {
  interface Window {
    testRun?: {
      events: RunEvent[];
      firstOutputMs?: number;
      stop(): Promise<number>;
      exit: Promise<RunExit>;
    };
  }
}

/**
 * Starts a run in the page with the runner chosen the way the playground chooses it. The in-page code is a
 * string: vitest rewrites `import()` in functions it compiles, and this one must run in the browser as written.
 */
async function startRun(request: RunRequest): Promise<void> {
  await evaluate(`(async (request) => {
    const { chooseRunner } = await import('/src/lib/runtime/choose-runner.ts');
    const runner = chooseRunner();
    if (runner.kind !== 'local') throw new Error('expected the local runner in astro dev, got ' + runner.kind);
    const started = performance.now();
    const state = { events: [] };
    const stop = new AbortController();
    state.exit = runner.run(request, (event) => {
      if (event.type === 'output' && state.firstOutputMs === undefined) state.firstOutputMs = performance.now() - started;
      state.events.push(event);
    }, stop.signal);
    state.stop = async () => {
      const before = performance.now();
      stop.abort();
      await state.exit;
      return performance.now() - before;
    };
    window.testRun = state;
  })(${JSON.stringify(request)})`);
}

const outputText = () =>
  page.evaluate(() => window.testRun!.events.map((e: RunEvent) => (e.type === 'output' ? e.text : '')).join(''));

describe.runIf(browserAvailable)('local runner from a page of astro dev', () => {
  it('runs an example with the reader’s edit and streams its output', async () => {
    await startRun({
      example: '00-hello-ts',
      files: {
        'src/main.ts': "import { greet } from './greet.ts';\nconsole.log(greet({ name: 'Edited', locale: 'en' }));\n",
      },
      command: ['node', 'src/main.ts'],
    });
    const exit = await page.evaluate(() => window.testRun!.exit);
    expect(exit).toMatchObject({ code: 0, reason: 'exited' });
    expect(await outputText()).toContain('Hello, Edited!');
    const firstOutputMs = await page.evaluate(() => window.testRun!.firstOutputMs);
    console.log(`local runner: first output ${Math.round(firstOutputMs!)} ms after Run`);
    expect(runFolders()).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('Stop ends an infinite loop and the processes it started', async () => {
    await startRun({
      example: '00-hello-ts',
      files: {
        'src/loop.ts': [
          "import { spawn } from 'node:child_process';",
          "const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });",
          'console.log(`pids ${process.pid} ${child.pid}`);',
          'setTimeout(() => { for (;;) {} }, 100);',
        ].join('\n'),
      },
      command: ['node', 'src/loop.ts'],
    });
    await expect.poll(outputText, { timeout: 20_000 }).toMatch(/pids \d+ \d+/);
    const pids = /pids (\d+) (\d+)/
      .exec(await outputText())!
      .slice(1)
      .map(Number);
    await page.waitForTimeout(300); // let the loop start spinning
    const stopMs = await page.evaluate(() => window.testRun!.stop());
    console.log(`local runner: Stop → process gone in ${Math.round(stopMs)} ms`);
    expect(await page.evaluate(() => window.testRun!.exit)).toMatchObject({ code: null, reason: 'stopped' });
    expect(pids.map(isAlive)).toEqual([false, false]);
    expect(runFolders()).toEqual([]);
  });

  it('ends a forgotten run at the timeout and says so', async () => {
    await startRun({
      example: '00-hello-ts',
      files: { 'src/forever.ts': "console.log('waiting');\nsetInterval(() => {}, 1000);\n" },
      command: ['node', 'src/forever.ts'],
      timeoutMs: 1_500,
    });
    const exit = await page.evaluate(() => window.testRun!.exit);
    expect(exit).toMatchObject({ reason: 'timeout', notice: { code: 'timed-out', params: { seconds: 2 } } });
    expect(await outputText()).toContain('waiting');
  });

  it('kills the run when the page goes away', async () => {
    await startRun({
      example: '00-hello-ts',
      files: { 'src/forever.ts': 'console.log(`pid ${process.pid}`);\nsetInterval(() => {}, 1000);\n' },
      command: ['node', 'src/forever.ts'],
    });
    await expect.poll(outputText, { timeout: 20_000 }).toMatch(/pid \d+/);
    const pid = Number(/pid (\d+)/.exec(await outputText())![1]);
    await page.close();
    await expect.poll(() => isAlive(pid), { timeout: 15_000 }).toBe(false);
    await expect.poll(runFolders, { timeout: 15_000 }).toEqual([]);
  });

  it('refuses a request without the session token (403)', async () => {
    const status = await page.evaluate(async () => {
      const response = await fetch('/__async-lab/runner/run', {
        method: 'POST',
        body: JSON.stringify({ example: '00-hello-ts', files: {}, command: ['node', 'src/main.ts'] }),
      });
      return response.status;
    });
    expect(status).toBe(403);
  });
});

describe.runIf(browserAvailable)('WebContainer runner in this browser (no StackBlitz access here)', () => {
  it('the dev page is cross-origin isolated, and an unreachable StackBlitz is said at once, not after a deadline', async () => {
    const result = await evaluate<Record<string, unknown>>(`(async () => {
      const { WebContainerRunner } = await import('/src/lib/runtime/webcontainer-runner.ts');
      const runner = new WebContainerRunner();
      const progress = [];
      const started = performance.now();
      try {
        await runner.boot({ onProgress: (p) => progress.push(p.notice.code) });
        return { booted: true, progress };
      } catch (error) {
        return { booted: false, name: error.name, kind: error.kind, notice: error.notice, progress, isolated: crossOriginIsolated, ms: Math.round(performance.now() - started) };
      }
    })()`);
    console.log('WebContainer boot here:', JSON.stringify(result));
    expect(result).toMatchObject({
      booted: false,
      name: 'RunnerUnavailableError',
      kind: 'webcontainer',
      // Seen from the frame's failure (stackblitz-frame.ts), not from a deadline running out.
      notice: { code: 'stackblitz-unreachable', params: { host: 'stackblitz.com' } },
    });
    expect(result).toMatchObject({ isolated: true });
  });

  it('strips the reader’s edits in a worker, with amaro, as the snapshot’s files were', async () => {
    const twins = await evaluate<Record<string, string>>(`(async () => {
      const { createWorkerTypeStripper } = await import('/src/lib/runtime/type-stripper.ts');
      return createWorkerTypeStripper()({
        'examples/00-hello-ts/src/main.ts': "import { greet } from './greet.ts';\\nconst who: string = 'Ada';\\n",
        'examples/00-hello-ts/src/broken.ts': 'const answer: = 42;\\n',
      });
    })()`);
    expect(twins['examples/00-hello-ts/src/main.ts']).toBe(
      "import { greet } from './greet.js';\nconst who         = 'Ada';\n",
    );
    expect(twins['examples/00-hello-ts/src/broken.ts']).toContain('ERR_INVALID_TYPESCRIPT_SYNTAX');
  });

  it('the dev server serves the examples snapshot for ?runner=webcontainer', async () => {
    const response = await evaluate<Record<string, unknown>>(`(async () => {
      const response = await fetch('/webcontainer/examples.bin');
      return { status: response.status, type: response.headers.get('content-type'), bytes: (await response.arrayBuffer()).byteLength };
    })()`);
    expect(response).toMatchObject({ status: 200, type: 'application/octet-stream' });
    expect((response as { bytes: number }).bytes).toBeGreaterThan(1_000_000);
  }, 600_000);
});
