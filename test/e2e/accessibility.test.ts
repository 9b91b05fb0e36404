// axe-core over the built site: every lesson and home page, with every <details> (hints, solutions, diagram
// text) opened. No serious or critical violation is allowed. The page shell (header, sidebar, search) is the
// same on every page, so it is checked in full on the home pages; lesson pages check their <main>. Dark mode
// only changes colours, and every component's colours come from the same styles on every page, so it re-runs
// the contrast rule on pages that together hold every kind of component (axe is slow on code-heavy pages).
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser } from '../support/browser.ts';
import { lessonFiles, locales } from '../support/lessons.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
const contexts = new Map<string, BrowserContext>();

beforeAll(async () => {
  if (!browserAvailable) return; // skipped loudly by the e2e setup (a failure on CI)
  browser = await launchBrowser();
  for (const colorScheme of ['light', 'dark'] as const) {
    contexts.set(colorScheme, await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } }));
  }
});
afterAll(async () => {
  await browser?.close();
});

async function open(path: string, colorScheme: 'light' | 'dark'): Promise<Page> {
  const page = await contexts.get(colorScheme)!.newPage();
  await page.goto(baseUrl + path, { waitUntil: 'load' });
  await page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));
  // Expressive Code makes code blocks that overflow focusable from a ResizeObserver, a moment after layout:
  // wait for that (or give up and let axe report what is left). The moment is the page's script running, which a
  // busy machine can delay by seconds (two suites side by side: 5 s was not enough once), so the wait is long;
  // it ends as soon as every block is either not overflowing or focusable.
  await page
    .waitForFunction(
      () =>
        [...document.querySelectorAll<HTMLElement>('.expressive-code pre')].every(
          (pre) => pre.scrollWidth <= pre.clientWidth || pre.hasAttribute('tabindex'),
        ),
      undefined,
      { timeout: 30_000 },
    )
    .catch(() => {});
  return page;
}

function serious(results: Awaited<ReturnType<AxeBuilder['analyze']>>): string[] {
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} — ${violation.nodes
          .slice(0, 3)
          .map((node) => node.target.join(' '))
          .join(' | ')}`,
    );
}

/** axe's standard rule set (WCAG 2.0/2.1 A and AA plus best practices; experimental rules left out). */
async function check(path: string, colorScheme: 'light' | 'dark', scope: 'page' | 'main'): Promise<string[]> {
  const page = await open(path, colorScheme);
  try {
    let axe = new AxeBuilder({ page });
    if (scope === 'main') axe = axe.include('main');
    if (colorScheme === 'dark') axe = axe.withRules(['color-contrast']);
    return serious(await axe.analyze());
  } finally {
    await page.close();
  }
}

const lessonPaths = locales.flatMap((locale) =>
  lessonFiles(locale).map((lesson) => `/${locale}/lessons/${lesson.file.replace(/\.mdx?$/, '')}/`),
);

describe.runIf(browserAvailable)('accessibility (axe-core)', { timeout: 120_000 }, () => {
  for (const locale of locales) {
    it(`/${locale}/ (the whole page shell) has no serious or critical violations`, async () => {
      expect(await check(`/${locale}/`, 'light', 'page')).toEqual([]);
      expect(await check(`/${locale}/`, 'dark', 'page')).toEqual([]);
    });
  }

  for (const locale of locales) {
    it(`/${locale}/run-locally/ (a guide page, light and dark) has none`, async () => {
      expect(await check(`/${locale}/run-locally/`, 'light', 'main')).toEqual([]);
      expect(await check(`/${locale}/run-locally/`, 'dark', 'main')).toEqual([]);
    });
  }

  it('a lesson page as a whole (shell, sidebar, pagination) has none either', async () => {
    expect(await check('/en/lessons/05-queue-basics/', 'light', 'page')).toEqual([]);
  });

  // Two lesson pages at a time (the e2e project's maxConcurrency): axe works inside Chromium's renderer, one page
  // per renderer, so a second page keeps the second core busy. Nothing here depends on time.
  for (const path of lessonPaths) {
    it.concurrent(`${path} has none`, async ({ expect }) => {
      expect(await check(path, 'light', 'main')).toEqual([]);
    });
  }

  // Playgrounds, queue panels, diagrams, asides, tables, recorded output, link cards, steps.
  for (const path of [
    '/zh/lessons/05-queue-basics/',
    '/en/lessons/08-capstone/',
    '/en/lessons/06-http-queue/',
    '/zh/lessons/10-summary/',
    '/en/lessons/09-production/',
  ]) {
    it.concurrent(`${path} has no contrast problem in dark mode`, async ({ expect }) => {
      expect(await check(path, 'dark', 'main')).toEqual([]);
    });
  }
});
