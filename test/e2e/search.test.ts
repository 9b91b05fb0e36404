// Search answers from lesson prose only: a real Pagefind query against the built site's index, in the page, as
// the search box makes it. Playground chrome ("录制的运行 · 退出码 0"), recorded output, the checker's words and
// code are not prose (Playground, RecordedOutput and ExampleCode carry data-pagefind-ignore="all").
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser } from '../support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;

beforeAll(async () => {
  if (!browserAvailable) return;
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

/** The URLs Pagefind finds for `query`, searching the index of the page's language (as Starlight's box does). */
async function search(locale: 'zh' | 'en', query: string): Promise<string[]> {
  if (!page.url().startsWith(`${baseUrl}/${locale}/`)) await page.goto(`${baseUrl}/${locale}/`);
  return page.evaluate(async (q) => {
    const pagefind = await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`);
    await pagefind.init();
    const found = await pagefind.search(q);
    const data = await Promise.all(found.results.map((r: { data(): Promise<{ url: string }> }) => r.data()));
    return data.map((d) => new URL(d.url, location.origin).pathname);
  }, query);
}

describe.runIf(browserAvailable)('search', () => {
  it('finds lesson prose in the page’s language', async () => {
    expect(await search('zh', '事件循环')).toContain('/zh/lessons/01-async-await/');
    expect(await search('en', 'event loop')).toContain('/en/lessons/01-async-await/');
  });

  it('finds the playground’s words only where the prose uses them', async () => {
    // "退出码" is the recorded output's status on every playground, and prose on lesson 9 only.
    expect(await search('zh', '退出码')).toEqual(['/zh/lessons/09-production/']);
    expect(await search('zh', '录制的运行')).toEqual([]);
  });

  it('does not answer from code, recorded output or checker output', async () => {
    // Words that appear on zh pages only inside code, a recording ("microtask"), or the checker's verdict.
    for (const word of ['microtask', 'Checking', 'expected']) {
      expect(await search('zh', word), word).toEqual([]);
    }
  });
});
