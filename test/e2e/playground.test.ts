// The playground on real lessons, in Chromium, running code for real through the local runner of `astro dev`
// (the static build has no runner). Covers editing, persistence, Reset, keyboard use, exercises and bad input.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browserAvailable, collectPageErrors, launchBrowser } from '../support/browser.ts';
import { startDevServer, type DevServer } from '../support/dev-server.ts';

const introLesson = '/en/lessons/00-introduction/';
const exerciseLesson = '/en/lessons/01-async-await/';
const mainFile = 'src/main.ts';

/** The machine is shared: give the editor and the type worker time. */
const patient = { timeout: 60_000, interval: 100 };

let dev: DevServer;
let browser: Browser;
let page: Page;
let errors: string[];

describe.runIf(browserAvailable)('the playground (astro dev, local runner)', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    dev = await withoutVitestEnv(() => startDevServer({ startTimeoutMs: 180_000 }));
    browser = await launchBrowser();
    // Warm up: the first visits compile the pages and the editor.
    const warm = await browser.newPage();
    for (const lesson of [introLesson, exerciseLesson, introLesson]) {
      await warm.goto(dev.baseUrl + lesson);
      await engage(warm.locator('[data-playground]').first());
    }
    await warm.close();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await dev?.stop();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = collectPageErrors(page);
    return async () => {
      expect(errors, 'the browser console showed errors').toEqual([]);
      await page.close();
    };
  });

  async function open(path: string, query = ''): Promise<Locator> {
    await page.goto(dev.baseUrl + path + query);
    return page.locator('[data-playground]').first();
  }

  it('runs the code edited in Monaco and shows the new output, exit code and duration', async () => {
    const playground = await open(introLesson);
    await engage(playground);
    await typeInEditor(playground, `\nconsole.log('\\u001b[32medited in the browser\\u001b[0m');`);
    await playground.getByRole('button', { name: 'Run' }).click();
    await expectOutput(playground, /edited in the browser/);
    await expectStatus(playground, /exit code 0 · \d+\.\d\d s/);
    // ANSI colours are rendered, not printed as escape codes.
    const green = playground.locator('.pg-output span', { hasText: 'edited in the browser' });
    expect(await green.getAttribute('style')).toContain('--pg-ansi-green');
    expect(await playground.locator('.pg-output').innerText()).not.toContain('[32m');
  });

  it('keeps edits after a reload, and Reset brings back the example', async () => {
    let playground = await open(introLesson);
    await engage(playground);
    await typeInEditor(playground, `\nconsole.log('kept across reloads');`);
    await expect.poll(() => editorText(playground), patient).toContain('kept across reloads');
    await page.reload();
    playground = page.locator('[data-playground]').first();
    // Saved edits open the editor by themselves.
    await playground.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    await expect.poll(() => editorText(playground), patient).toContain('kept across reloads');
    await playground.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => editorText(playground), patient).not.toContain('kept across reloads');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('async-lab:edits')))).toEqual(
      [],
    );
  });

  it('runs with the keyboard only: Tab to Run, Enter; and Ctrl+Enter in the editor', async () => {
    const playground = await open(introLesson);
    const run = playground.getByRole('button', { name: 'Run' });
    for (let i = 0; i < 80 && !(await run.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press('Tab');
    }
    expect(await run.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Enter');
    await expectOutput(playground, /Hello, Ada!/);
    await expectStatus(playground, /exit code 0/);
    await playground.locator('.monaco-editor').waitFor({ timeout: 60_000 });
    const inEditor = () => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'));
    for (let i = 0; i < 20 && !(await inEditor()); i++) await page.keyboard.press('Tab');
    expect(await inEditor()).toBe(true);
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(`\nconsole.log('from the keyboard');`);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Enter');
    await expectOutput(playground, /from the keyboard/);
  });

  it('Check fails on the starter and passes on the solution, with pass/fail per check', async () => {
    await open(exerciseLesson);
    const exercise = page.locator('[data-playground]', { has: page.getByRole('button', { name: 'Check' }) }).first();
    await exercise.getByRole('button', { name: 'Check' }).click();
    const checks = exercise.getByRole('list', { name: 'Check results' });
    await checks.waitFor({ timeout: 90_000 });
    expect(await checks.getAttribute('data-passed')).toBe('false');
    // The reader's progress (what the course home counts) has no passed exercise yet.
    const passed = () =>
      page.evaluate(() =>
        Object.keys(JSON.parse(localStorage.getItem('async-lab:progress:v1') ?? '{}').exercises ?? {}),
      );
    expect(await passed()).toEqual([]);
    expect(await checks.locator('li[data-passed="false"]').count()).toBeGreaterThan(0);
    await exercise.getByRole('button', { name: 'Solution' }).click();
    await expect.poll(() => editorText(exercise), patient).toContain('AbortSignal.timeout');
    await exercise.getByRole('button', { name: 'Check' }).click();
    await expect.poll(() => checks.getAttribute('data-passed'), { timeout: 90_000 }).toBe('true');
    expect(await checks.locator('li[data-passed="false"]').count()).toBe(0);
    expect(await passed()).toEqual(['01-async-await']);
    await exercise.getByRole('button', { name: 'Reset' }).click();
  });

  describe('bad input', () => {
    it('a syntax error is marked in the editor, and Run shows Node’s error with file and line', async () => {
      const playground = await open(introLesson);
      await engage(playground);
      await setFile(playground, mainFile, `const ok = 1;\nconst broken = ;\n`);
      await expect
        .poll(
          () => playground.evaluate((el, f) => (el as PlaygroundRoot).playgroundEditor.problems(f), mainFile),
          patient,
        )
        .toEqual(expect.arrayContaining([expect.objectContaining({ line: 2 })]));
      await playground.getByRole('button', { name: 'Run' }).click();
      await expectOutput(playground, /src\/main\.ts:2/);
      await expectOutput(playground, /SyntaxError/);
      await expectStatus(playground, /exit code 1/);
      // The error first, above the output: message, the reader's file and line, the line itself; no run paths.
      const box = playground.locator('.pg-error');
      await box.waitFor({ state: 'visible' });
      const said = await box.innerText();
      expect(said).toMatch(/SyntaxError/);
      expect(said).toContain('src/main.ts:2');
      expect(said).toContain('const broken = ;');
      expect(said).not.toMatch(/file:\/\/|async-lab-runs|node:internal/);
      await playground.screenshot({ path: 'test-results/playground-syntax-error.png' });
      await expectUsable(playground);
    });

    it('a thrown error and an unhandled rejection show message, stack and exit code', async () => {
      const playground = await open(introLesson);
      await engage(playground);
      await setFile(
        playground,
        mainFile,
        `function explode(): never {\n  throw new Error('boom from main');\n}\nexplode();\n`,
      );
      await playground.getByRole('button', { name: 'Run' }).click();
      await expectOutput(playground, /Error: boom from main/);
      await expectOutput(playground, /at explode \(.*src\/main\.ts:2/);
      await expectStatus(playground, /exit code 1/);
      await setFile(playground, mainFile, `Promise.reject(new Error('nobody caught me'));\n`);
      await playground.getByRole('button', { name: 'Run' }).click();
      await expectOutput(playground, /nobody caught me/);
      await expectStatus(playground, /exit code 1/);
      // An unhandled rejection names the reader's file, never the run's temporary folder.
      const box = playground.locator('.pg-error');
      await box.waitFor({ state: 'visible' });
      expect(await box.innerText()).toMatch(/nobody caught me[\s\S]*src\/main\.ts:1/);
      expect(await playground.locator('.pg-output, .pg-error').allInnerTexts()).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/async-lab-runs|file:\/\//)]),
      );
      await expectUsable(playground);
    });

    it('Stop ends an infinite loop', async () => {
      // How fast is the local runner's business (SIGTERM, SIGKILL 300 ms later; local-runner.test.ts prints it);
      // here, on a busy machine, the dev server may still be serving the editor's modules when Stop arrives.
      const playground = await open(introLesson, '?timeout=300000');
      await engage(playground);
      await setFile(playground, mainFile, `console.log('looping');\nwhile (true) {}\n`);
      await playground.getByRole('button', { name: 'Run' }).click();
      await expectOutput(playground, /looping/);
      const stop = playground.getByRole('button', { name: 'Stop' });
      await stop.click();
      await expectStatus(playground, /stopped/);
      expect(await stop.isDisabled()).toBe(true);
      await expectUsable(playground);
    });

    it('the run timeout ends a forgotten loop and says so', async () => {
      const playground = await open(introLesson, '?timeout=2000');
      await engage(playground);
      await setFile(playground, mainFile, `while (true) {}\n`);
      await playground.getByRole('button', { name: 'Run' }).click();
      await expectStatus(playground, /timed out/, 15_000);
      expect(await playground.locator('.pg-note').innerText()).toMatch(/\S/);
      await expectUsable(playground);
    });

    it('a million lines of output are capped and the page stays responsive', async () => {
      const playground = await open(introLesson);
      await engage(playground);
      await setFile(playground, mainFile, `for (let i = 1; i <= 1_000_000; i++) console.log('line ' + i);\n`);
      await playground.getByRole('button', { name: 'Run' }).click();
      // While the flood arrives the page still answers (the main thread is not stuck).
      await expectOutput(playground, /line \d+/);
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      // The count is exact: 1,000,000 printed, the last 5,000 kept.
      await expectStatus(
        playground,
        /exit code 0 .*995,000 earlier lines not kept \(the page keeps at most 5,000\)/,
        90_000,
      );
      // The kept lines are drawn a frame's worth at a time: count them once the output has caught up.
      await expect
        .poll(() => playground.locator('.pg-output').getAttribute('data-settled'), { timeout: 60_000 })
        .toBe('true');
      const lines = await playground.locator('.pg-output pre [data-id]').count();
      expect(lines).toBeLessThanOrEqual(5000);
      expect(await playground.locator('.pg-output pre [data-id]').last().innerText()).toBe('line 1000000');
      // What Copy output copies is every kept line, the blocks scrolled out of view (not drawn) included.
      const copied = (await playground.locator('.pg-output').innerText()).replace(/\n$/, '').split('\n');
      expect(copied).toHaveLength(lines);
      expect([copied[0], copied.at(-1)]).toEqual([`line ${1_000_001 - lines}`, 'line 1000000']);
      await expectUsable(playground);
    });

    it('a 10 MB line without a newline shows its kept end in pieces, says how much of it went, and copies whole', async () => {
      const playground = await open(introLesson);
      await engage(playground);
      await setFile(playground, mainFile, `process.stdout.write('x'.repeat(10 * 1024 * 1024) + 'end');\n`);
      await playground.getByRole('button', { name: 'Run' }).click();
      await expectStatus(playground, /exit code 0/, 90_000);
      await expect
        .poll(() => playground.locator('.pg-output').getAttribute('data-settled'), { timeout: 60_000 })
        .toBe('true');
      // What Copy output copies: the kept end of the one line, without line breaks between its pieces nor the note.
      const copied = (await playground.locator('.pg-output').innerText()).replace(/\n$/, '');
      expect(copied).toMatch(/^x+end$/);
      expect(await playground.locator('.pg-output .pg-piece').count()).toBeGreaterThan(100);
      // The note on the first piece counts exactly the characters not kept.
      const cut = await playground.locator('.pg-output .pg-piece').first().getAttribute('data-cut');
      expect(cut).toBe(
        `… ${(10 * 1024 * 1024 + 3 - copied.length).toLocaleString('en')} earlier characters of this line not kept`,
      );
      await expectUsable(playground);
    });

    it('a second Run while one is running stops the first cleanly', async () => {
      const playground = await open(introLesson);
      await engage(playground);
      await setFile(
        playground,
        mainFile,
        `console.log('first run');\nsetInterval(() => console.log('first still running'), 50);\n`,
      );
      await playground.getByRole('button', { name: 'Run' }).click();
      await expectOutput(playground, /first run/);
      await setFile(playground, mainFile, `console.log('second run');\n`);
      await playground.getByRole('button', { name: 'Run' }).click();
      await expectStatus(playground, /exit code 0/);
      await expectOutput(playground, /second run/);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(await playground.locator('.pg-output').innerText()).not.toContain('first');
    });
  });
});

/** astro dev that inherits VITEST=true from the test runner serves 404 for every page: hide it while spawning. */
async function withoutVitestEnv<T>(action: () => Promise<T>): Promise<T> {
  const saved = Object.entries(process.env).filter(([key]) => key.startsWith('VITEST'));
  for (const [key] of saved) delete process.env[key];
  try {
    return await action();
  } finally {
    for (const [key, value] of saved) process.env[key] = value;
  }
}

interface PlaygroundRoot extends HTMLElement {
  playgroundEditor: {
    problems(path: string): { line: number; message: string }[];
    replace(path: string, text: string): void;
    values(): Record<string, string>;
  };
}

async function engage(playground: Locator): Promise<void> {
  // astro dev reloads the page when a watched source changes; on a shared machine that can happen mid-load,
  // so the reader's click is repeated until the editor is up.
  for (let attempt = 1; ; attempt++) {
    await playground.getByRole('button', { name: 'Edit' }).click();
    try {
      await playground
        .page()
        .waitForFunction((root) => !!(root as PlaygroundRoot)?.playgroundEditor, await playground.elementHandle(), {
          timeout: 40_000,
        });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
}

/** Types at the end of the open file, like a reader would (insertText: no auto-closing brackets). */
async function typeInEditor(playground: Locator, text: string): Promise<void> {
  await playground.locator('.monaco-editor .view-lines').click();
  const page = playground.page();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape'); // close any suggestion widget
}

async function setFile(playground: Locator, path: string, text: string): Promise<void> {
  await playground.evaluate((el, [p, t]) => (el as PlaygroundRoot).playgroundEditor.replace(p!, t!), [path, text]);
}

function editorText(playground: Locator): Promise<string> {
  return playground.evaluate((el) => Object.values((el as PlaygroundRoot).playgroundEditor.values()).join('\n'));
}

async function expectOutput(playground: Locator, pattern: RegExp, timeout = 30_000): Promise<void> {
  await expect.poll(() => playground.locator('.pg-output').innerText(), { timeout }).toMatch(pattern);
}

async function expectStatus(playground: Locator, pattern: RegExp, timeout = 30_000): Promise<void> {
  await expect.poll(() => playground.locator('.pg-status').innerText(), { timeout, interval: 50 }).toMatch(pattern);
}

/** After any bad input the same playground runs the example again. */
async function expectUsable(playground: Locator): Promise<void> {
  await playground.getByRole('button', { name: 'Reset' }).click();
  await playground.getByRole('button', { name: 'Run' }).click();
  await expectOutput(playground, /Hello, Ada!/);
  await expectStatus(playground, /exit code 0/);
}
