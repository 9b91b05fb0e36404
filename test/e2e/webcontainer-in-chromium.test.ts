// The built site's Run path in real Chromium: its bundle, its runner and the real @webcontainer/api.
// 1. As it is here (stackblitz.com does not resolve): Run says so within seconds, with the recorded output still
//    shown, and a later Run tries again at once.
// 2. With StackBlitz stood in for (test/support/fake-stackblitz.ts: the API's frame on an origin of our own, which
//    relays to real files and an official Node 20 build): lessons run from the built site's snapshot, edits are
//    stripped by the page's worker, Check gives its verdict, Stop ends a run.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EDITOR_WAIT_MAX_MS } from '../../src/lib/playground/editor-after-run.ts';
import { browserAvailable, collectPageErrors, launchBrowser } from '../support/browser.ts';
import { startFakeStackBlitz, type FakeStackBlitz } from '../support/fake-stackblitz.ts';
import { nodeBinary } from '../support/node-binaries.ts';

const baseUrl = inject('baseUrl');
const patient = { timeout: 120_000, interval: 100 };
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function openLesson(page: Page, path: string): Promise<Locator> {
  await page.goto(baseUrl + path);
  return page.locator('[data-playground]').first();
}

const output = (playground: Locator) => playground.locator('.pg-output');
const status = (playground: Locator) => playground.locator('.pg-status');

/** Runs (or checks) and waits for the live run's end: until then the output pane may show the recording. */
async function runToEnd(playground: Locator, button: 'Run' | 'Check', exit: RegExp): Promise<string> {
  await playground.getByRole('button', { name: button }).click();
  await expect.poll(() => status(playground).innerText(), patient).toMatch(exit);
  // The output is drawn a frame's worth at a time and may still be catching up when the exit is shown.
  await expect.poll(() => output(playground).getAttribute('data-settled'), patient).toBe('true');
  return output(playground).innerText();
}

describe.runIf(browserAvailable)(
  'Run on the built site when StackBlitz cannot be reached',
  { timeout: 120_000 },
  () => {
    it('says so within seconds, keeps the recorded output, and a second Run tries again at once', async () => {
      const page = await browser.newPage();
      const headless: string[] = [];
      page.on('request', (request) => {
        if (request.url().startsWith('https://stackblitz.com/headless')) headless.push(request.resourceType());
      });
      const playground = await openLesson(page, '/en/lessons/00-introduction/');
      const recorded = await output(playground).innerText();
      expect(recorded).toContain('Hello, Ada!');

      // When, on the page's clock, Run was clicked and the playground said it cannot run.
      await playground.evaluate((root) => {
        const times = window as { clickedAt?: number; refusedAt?: number };
        root.addEventListener('click', () => (times.clickedAt ??= performance.now()), { capture: true });
        new MutationObserver(() => {
          if (root.dataset.state === 'unavailable') times.refusedAt ??= performance.now();
        }).observe(root, { attributes: true, attributeFilter: ['data-state'] });
      });
      const clicked = Date.now();
      await playground.getByRole('button', { name: 'Run' }).click();
      await expect
        .poll(() => playground.innerText(), patient)
        .toMatch(/Could not reach StackBlitz \(stackblitz\.com\)/);
      const firstMs = Date.now() - clicked;
      expect(await output(playground).innerText()).toContain('Hello, Ada!');
      const afterFirst = headless.length;
      expect(afterFirst).toBeGreaterThan(0);

      // The run went first: the editor (Monaco, one long task to evaluate) was asked for only once the runner had
      // its answer (or, on a machine too busy to answer in time, once the editor's wait ran out), so it could not
      // hold that answer up. It follows, and works.
      await page.waitForFunction((root) => root && 'playgroundEditor' in root, await playground.elementHandle(), {
        timeout: 120_000,
      });
      const order = await page.evaluate(() => {
        const started = (part: string) =>
          performance
            .getEntriesByType('resource')
            .find((entry) => new URL(entry.name).pathname.split('/').at(-1)!.startsWith(part))?.startTime;
        const times = window as { clickedAt?: number; refusedAt?: number };
        return {
          clicked: times.clickedAt!,
          runner: started('choose-runner'),
          editor: started('monaco-editor'),
          refused: times.refusedAt!,
        };
      });
      expect(order.runner, JSON.stringify(order)).toBeLessThan(order.refused);
      const editorMayLoad = Math.min(order.refused, order.clicked + EDITOR_WAIT_MAX_MS);
      expect(order.editor, JSON.stringify(order)).toBeGreaterThanOrEqual(editorMayLoad);

      const again = Date.now();
      await playground.getByRole('button', { name: 'Run' }).click();
      await expect.poll(() => headless.length, patient).toBeGreaterThan(afterFirst);
      await expect
        .poll(() => playground.innerText(), patient)
        .toMatch(/Could not reach StackBlitz \(stackblitz\.com\)/);
      const secondMs = Date.now() - again;
      console.log(
        `StackBlitz unreachable → message: ${firstMs} ms after the first Run (API loaded on demand), ${secondMs} ms after the second; frame requests: ${headless.join(', ')}`,
      );
      await page.close();
    });
  },
);

describe.runIf(browserAvailable)('Run on the built site with StackBlitz stood in for', { timeout: 300_000 }, () => {
  let fake: FakeStackBlitz;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    const node = nodeBinary('20.9.0');
    if (!('path' in node)) throw new Error(node.missing);
    fake = await startFakeStackBlitz({ node: node.path });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = collectPageErrors(page);
    await page.addInitScript(`globalThis.WEBCONTAINER_API_IFRAME_URL = ${JSON.stringify(fake.origin)};`);
  }, 600_000);
  afterAll(async () => {
    await page?.close();
    await fake?.stop();
  });

  it('runs a lesson’s code from the built snapshot: the twin, in the example’s folder, with the queue trace', async () => {
    const playground = await openLesson(page, '/en/lessons/05-queue-basics/');
    const text = await runToEnd(playground, 'Run', /exit code 0/);
    expect(text).toContain('add(2, 3) = 5');
    expect(text).not.toContain('ASYNC_LAB_TRACE'); // the trace lines went to the queue panel
    expect(fake.mounts).toHaveLength(1);
    expect(fake.runs.at(-1)).toEqual({
      command: 'node',
      args: ['src/add-demo.js'],
      cwd: 'examples/05-queue-basics',
      env: { FORCE_COLOR: '1', ASYNC_LAB_TRACE: '1' },
    });
  });

  it('strips the reader’s edits in the page (a worker with amaro) and runs them', async () => {
    const lesson = '/en/lessons/00-introduction/';
    await page.goto(baseUrl + lesson);
    await page.evaluate(
      ([key, code]) => localStorage.setItem(key!, code!),
      [
        `async-lab:edits:v1:${lesson}:00-hello-ts/src/main.ts`,
        "const shout: (text: string) => string = (text) => text.toUpperCase();\nconsole.log(shout('edited and stripped in the page'));\n",
      ],
    );
    const playground = await openLesson(page, lesson);
    expect(await runToEnd(playground, 'Run', /exit code 0/)).toContain('EDITED AND STRIPPED IN THE PAGE');
    expect(fake.runs.at(-1)).toMatchObject({ args: ['src/main.js'], cwd: 'examples/00-hello-ts' });
  });

  it('points an error at the reader’s .ts file and line', async () => {
    const lesson = '/en/lessons/00-introduction/';
    await page.evaluate(
      ([key, code]) => localStorage.setItem(key!, code!),
      [
        `async-lab:edits:v1:${lesson}:00-hello-ts/src/main.ts`,
        "const n: number = 1;\nthrow new Error('boom at line 2');\n",
      ],
    );
    const playground = await openLesson(page, lesson);
    const text = await runToEnd(playground, 'Run', /exit code 1/);
    expect(text).toContain('boom at line 2');
    // The runner names the reader's .ts file (not the twin that ran); the page shows it relative to the example.
    expect(text).toMatch(/(^|\/)src\/main\.ts:2\n/);
    expect(text).toMatch(/at (\S*\/)?src\/main\.ts:2:7/);
    expect(text).not.toMatch(/main\.js/);
    await page.evaluate(() => localStorage.clear());
  });

  it('checks an exercise: the checker’s verdict, per check', async () => {
    const playground = page.locator('[data-playground]', { has: page.locator('[data-action="check"]') }).first();
    await page.goto(baseUrl + '/en/lessons/01-async-await/');
    const text = await runToEnd(playground, 'Check', /exit code 1/);
    expect(text).toContain('✗ runs the loaders at the same time');
    expect(text).toContain('how many loaders were running at once (one by one gives 1): expected 3, got 1');
    expect(text).toMatch(/\d of \d checks fail — see exercise\/README\.md for hints\./);
    expect(fake.runs.at(-1)).toMatchObject({ cwd: 'examples/01-async-await' });
    expect(fake.runs.at(-1)!.args[0]).toBe('../course-tools/src/check-exercise.js');
    expect(errors).toEqual([]);
  });
});
