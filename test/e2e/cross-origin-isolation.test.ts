// WebContainers need SharedArrayBuffer, which browsers only allow on cross-origin isolated pages.
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, launchBrowser } from '../support/browser.ts';

const baseUrl = inject('baseUrl');

// Written out here, not imported from the site's config, so breaking the config breaks this test.
const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function expectIsolated(headers: Headers, url: string): void {
  for (const [name, value] of Object.entries(crossOriginIsolation)) {
    expect(headers.get(name), `${name} on ${url}`).toBe(value);
  }
}

describe('cross-origin isolation', () => {
  it('is on every page and asset that astro preview serves', async () => {
    const page = await fetch(`${baseUrl}/en/lessons/00-introduction/`);
    expectIsolated(page.headers, 'a lesson page');
    const html = await page.text();
    const assets = [...html.matchAll(/(?:src|href)="(\/_astro\/[^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const asset of [...new Set(assets)]) {
      expectIsolated((await fetch(baseUrl + asset)).headers, asset);
    }
    expectIsolated((await fetch(`${baseUrl}/pagefind/pagefind.js`)).headers, 'the search index');
  });

  it.runIf(browserAvailable)('makes the page crossOriginIsolated in Chromium', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage();
      await page.goto(`${baseUrl}/zh/`);
      expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('is in the deploy files for static hosts', () => {
    const netlify = readFileSync('public/_headers', 'utf8');
    for (const [name, value] of Object.entries(crossOriginIsolation)) {
      expect(netlify).toContain(`${name}: ${value}`);
    }
    const vercel = JSON.parse(readFileSync('vercel.json', 'utf8')) as {
      headers: { source: string; headers: { key: string; value: string }[] }[];
    };
    const all = vercel.headers.find((rule) => rule.source === '/(.*)');
    expect(Object.fromEntries(all!.headers.map((h) => [h.key, h.value]))).toEqual(crossOriginIsolation);
  });
});
