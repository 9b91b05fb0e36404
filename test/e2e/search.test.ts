// Site search in the built site: Starlight's button, Ctrl+K and "/" open the dialog, Pagefind answers a query,
// and Pagefind's UI is only loaded once the reader reaches for search (src/lib/site/site-search.ts).
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable } from '../support/browser.ts';
import { pagePerTest } from '../support/page-per-test.ts';

const baseUrl = inject('baseUrl');
let page: Page;

/** Pagefind's UI script and its index files. */
const isPagefind = (url: string) => /pagefind|ui-core/.test(url);
/** The machine is shared: polls get time. */
const patient = { timeout: 15_000 };

describe.runIf(browserAvailable)('site search', { timeout: 90_000 }, () => {
  pagePerTest((session) => ({ page } = session));

  it('loads nothing of Pagefind until the reader opens search; then Ctrl+K finds a lesson by its words', async () => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(baseUrl + '/en/lessons/00-introduction/');
    await page.waitForLoadState('networkidle');
    expect(requests.filter(isPagefind)).toEqual([]);

    await page.keyboard.press('Control+k');
    const dialog = page.getByRole('dialog', { name: 'Search' });
    await dialog.waitFor();
    const input = dialog.getByRole('searchbox').or(dialog.locator('input')).first();
    await input.waitFor({ timeout: 30_000 });
    await expect.poll(() => input.evaluate((el) => el === document.activeElement), patient).toBe(true);
    await page.keyboard.type('exponential backoff');
    const result = dialog.locator('.pagefind-ui__result-link', { hasText: 'Lesson 5' }).first();
    await result.waitFor({ timeout: 30_000 });
    expect(requests.some(isPagefind)).toBe(true);
    await result.click();
    await page.waitForURL(/\/en\/lessons\/05-queue-basics\//);
    expect(await dialog.isVisible()).toBe(false);
  });

  it('opens with the search button and with "/", but "/" typed in a field stays a character', async () => {
    await page.goto(baseUrl + '/zh/lessons/05-queue-basics/');
    const dialog = page.locator('site-search dialog');
    await page.getByRole('button', { name: '搜索' }).click();
    await expect.poll(() => dialog.evaluate((el: HTMLDialogElement) => el.open), patient).toBe(true);
    const input = dialog.locator('input').first();
    await input.waitFor({ timeout: 30_000 });
    await page.keyboard.type('队列');
    await dialog.locator('.pagefind-ui__result-link').first().waitFor({ timeout: 30_000 });
    // Every result is a zh page.
    const hrefs = await dialog
      .locator('.pagefind-ui__result-link')
      .evaluateAll((links) => links.map((link) => (link as HTMLAnchorElement).pathname));
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.every((href) => href.startsWith('/zh/'))).toBe(true);
    await page.keyboard.type('/');
    expect(await input.inputValue()).toBe('队列/');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.evaluate((el: HTMLDialogElement) => el.open), patient).toBe(false);

    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    await expect.poll(() => dialog.evaluate((el: HTMLDialogElement) => el.open), patient).toBe(true);
  });
});
