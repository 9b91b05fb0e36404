// The search index holds lesson prose only: a real Pagefind query against the built site's index, in the page, as
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

interface Hit {
  url: string;
  /** The matched passage, without Pagefind's <mark> tags. */
  excerpt: string;
}

/** What Pagefind finds for `query`, searching the index of the page's language (as Starlight's box does). */
async function search(locale: 'zh' | 'en', query: string): Promise<Hit[]> {
  if (!page.url().startsWith(`${baseUrl}/${locale}/`)) await page.goto(`${baseUrl}/${locale}/`);
  // A string, not a function: vitest rewrites import() in code it compiles, and this runs in the page as written.
  const script = `(async () => {
    const pagefind = await import(location.origin + '/pagefind/pagefind.js');
    await pagefind.init();
    const found = await pagefind.search(${JSON.stringify(query)});
    const data = await Promise.all(found.results.map((r) => r.data()));
    return data.map((d) => ({
      url: new URL(d.url, location.origin).pathname,
      excerpt: d.excerpt.replace(/<\\/?mark>/g, ''),
    }));
  })()`;
  return (await page.evaluate(script)) as Hit[];
}

const urls = (hits: Hit[]) => hits.map((hit) => hit.url);

describe.runIf(browserAvailable)('search', () => {
  it('finds lesson prose in the page’s language', async () => {
    expect(urls(await search('zh', '事件循环'))).toContain('/zh/lessons/01-async-await/');
    expect(urls(await search('en', 'event loop'))).toContain('/en/lessons/01-async-await/');
  });

  it('never answers with the playground’s chrome', async () => {
    // "录制的运行 · 退出码 0" is the status line under every recorded output.
    for (const query of ['录制的运行', '退出码']) {
      const hits = await search('zh', query);
      for (const hit of hits) expect(hit.excerpt, `${query} → ${hit.url}`).not.toMatch(/录制的运行|运行 · 退出码/);
    }
    expect(await search('zh', '录制的运行 退出码 0')).toSatisfy((hits: Hit[]) =>
      hits.every((hit) => !hit.excerpt.includes('录制的运行')),
    );
  });

  it('does not answer from code, recorded output or checker output', async () => {
    // On zh pages these words appear only in recorded checker output and in example code.
    for (const word of ['weather']) {
      expect(await search('zh', word), word).toEqual([]);
    }
  });
});
