// The playground's editor and its small controls in the built site (no runner needed): file tabs, Copy code and
// Copy output, and an untouched queue lesson that TypeScript, with the real types of BullMQ and the rest, finds
// no error in.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { browserAvailable, collectPageErrors, launchBrowser } from '../support/browser.ts';

const baseUrl = inject('baseUrl');
/** The machine is shared: the editor, the TypeScript worker and the types get time. */
const patient = { timeout: 90_000, interval: 250 };
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];

interface PlaygroundRoot extends HTMLElement {
  playgroundEditor: {
    current(): string;
    values(): Record<string, string>;
    replace(path: string, text: string): void;
    diagnosticsReady(): boolean;
    typeErrors(): Promise<{ path: string; line: number; message: string }[]>;
  };
}

async function openEditor(playground: Locator): Promise<void> {
  await playground.getByRole('button', { name: 'Edit', exact: true }).click();
  await playground
    .page()
    .waitForFunction((root) => !!(root as PlaygroundRoot | null)?.playgroundEditor, await playground.elementHandle(), {
      timeout: 90_000,
    });
}

describe.runIf(browserAvailable)('the playground’s editor and controls', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    page = await context.newPage();
    errors = collectPageErrors(page);
    return async () => {
      expect(errors, 'the browser console showed errors').toEqual([]);
      await context.close();
    };
  });

  it('an untouched queue lesson opens in the editor with zero type errors in every file', async () => {
    for (const lesson of ['05-queue-basics', '08-capstone']) {
      await page.goto(`${baseUrl}/en/lessons/${lesson}/`);
      const playground = page.locator('[data-playground]').first();
      await openEditor(playground);
      await expect
        .poll(
          () => playground.evaluate((root) => (root as PlaygroundRoot).playgroundEditor.diagnosticsReady()),
          patient,
        )
        .toBe(true);
      const files = await playground.evaluate((root) =>
        Object.keys((root as PlaygroundRoot).playgroundEditor.values()),
      );
      expect(files.length, lesson).toBeGreaterThan(0);
      expect(
        await playground.evaluate((root) => (root as PlaygroundRoot).playgroundEditor.typeErrors()),
        lesson,
      ).toEqual([]);
    }
    // The same check finds an error when there is one (so the zero above means something).
    const playground = page.locator('[data-playground]').first();
    const file = await playground.evaluate(
      (root) => Object.keys((root as PlaygroundRoot).playgroundEditor.values())[0]!,
    );
    await playground.evaluate(
      (root, path) => (root as PlaygroundRoot).playgroundEditor.replace(path, "const n: number = 'not a number';\n"),
      file,
    );
    await expect
      .poll(() => playground.evaluate((root) => (root as PlaygroundRoot).playgroundEditor.typeErrors()), patient)
      .toEqual([expect.objectContaining({ path: file, line: 1, message: expect.stringContaining('number') })]);
  });

  it('switches files with the tabs, before and after the editor opens', async () => {
    await page.goto(`${baseUrl}/en/lessons/00-introduction/`);
    const playground = page.locator('[data-playground]').first();
    await playground.getByRole('tab', { name: 'src/greet.ts' }).click();
    expect(await playground.getByRole('tab', { name: 'src/greet.ts' }).getAttribute('aria-selected')).toBe('true');
    expect(await playground.getByRole('tabpanel', { name: 'src/greet.ts' }).innerText()).toContain(
      'export function greet',
    );
    await openEditor(playground);
    await expect
      .poll(() => playground.evaluate((root) => (root as PlaygroundRoot).playgroundEditor.current()), patient)
      .toContain('export function greet');
    await playground.getByRole('tab', { name: 'src/main.ts' }).click();
    await expect
      .poll(() => playground.evaluate((root) => (root as PlaygroundRoot).playgroundEditor.current()), patient)
      .toContain("from './greet.ts'");
  });

  it('copies the open file and the output to the clipboard', async () => {
    await page.goto(`${baseUrl}/en/lessons/00-introduction/`);
    const playground = page.locator('[data-playground]').first();
    const clipboard = () => page.evaluate(() => navigator.clipboard.readText());

    await playground.getByRole('button', { name: 'Copy code' }).click();
    expect(await clipboard()).toContain("import { greet, type Learner } from './greet.ts'");
    await expect.poll(() => playground.getByRole('button', { name: 'Copy code' }).innerText()).toBe('Copied');

    await playground.getByRole('tab', { name: 'src/greet.ts' }).click();
    await playground.getByRole('button', { name: 'Copy code' }).click();
    expect(await clipboard()).toContain('export function greet');

    await playground.getByRole('button', { name: 'Copy output' }).click();
    const output = await clipboard();
    expect(output).toContain('Hello, Ada!');
    expect(output).toBe(await playground.getByRole('log').innerText());
  });
});
