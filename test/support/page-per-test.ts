// The set-up most browser tests of the built site share: one Chromium for a describe block, a fresh 1280×900
// page for each test, and after each test no console error, uncaught error or failed request on that page.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { collectPageErrors, launchBrowser } from './browser.ts';

/**
 * Registers the hooks in the calling describe block (use it inside `describe.runIf(browserAvailable)`); each
 * test's page, and the browser for tests that open contexts of their own, reach the test file through `use`.
 */
export function pagePerTest(use: (session: { page: Page; browser: Browser }) => void): void {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    const page = await browser!.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectPageErrors(page);
    use({ page, browser: browser! });
    return async () => {
      expect(errors, 'the browser console showed errors').toEqual([]);
      await page.close();
    };
  });
}
