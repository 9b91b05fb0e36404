import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { browserAvailable, collectPageErrors, launchBrowser } from '../support/browser.ts';

const baseUrl = inject('baseUrl');
let browser: Browser;
let page: Page;
let errors: string[];

beforeAll(async () => {
  if (!browserAvailable) return;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
beforeEach(async () => {
  if (!browserAvailable) return;
  page = await browser.newPage();
  errors = collectPageErrors(page);
  return async () => {
    expect(errors, 'the browser console showed errors').toEqual([]);
    await page.close();
  };
});

describe.runIf(browserAvailable)('the course site', () => {
  it('sends / to the Chinese course', async () => {
    await page.goto(baseUrl + '/');
    await page.waitForURL(/\/zh\/$/);
  });

  for (const [locale, firstLesson] of [
    ['zh', '导言'],
    ['en', 'Introduction'],
  ] as const) {
    it(`lists the lessons on the ${locale} home page`, async () => {
      await page.goto(`${baseUrl}/${locale}/`);
      const lessons = page.locator('[data-progress-lesson] h4 a');
      expect(await lessons.count()).toBeGreaterThan(0);
      await expect.poll(() => lessons.first().textContent()).toContain(firstLesson);
    });
  }

  it('renders a lesson with its code from examples/', async () => {
    await page.goto(`${baseUrl}/en/lessons/00-introduction/`);
    expect(await page.locator('h1').textContent()).toContain('Introduction');
    const code = await page.locator('.expressive-code, .not-content pre').allTextContents();
    expect(code.join('\n')).toContain('greet(');
    mkdirSync('test-results', { recursive: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: 'test-results/lesson-en.png', fullPage: true });
    await page.goto(`${baseUrl}/zh/lessons/00-introduction/`);
    await page.screenshot({ path: 'test-results/lesson-zh.png', fullPage: true });
  });

  it('switches language and stays on the same lesson', async () => {
    await page.goto(`${baseUrl}/zh/lessons/00-introduction/`);
    await page.locator('starlight-lang-select select').first().selectOption({ label: 'English' });
    await page.waitForURL(`${baseUrl}/en/lessons/00-introduction/`);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
  });
});
