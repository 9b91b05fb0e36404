// The course home and the reader's progress, in the built site: the path with times and parts, the capstone's
// queue drawn from its recording, and progress kept in the browser (lessons opened, self-checks answered) shown
// on the home and on each lesson's path strip, with "continue where you left off".
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { browserAvailable, collectPageErrors, launchBrowser } from '../support/browser.ts';
import { lessonFiles } from '../support/lessons.ts';

const baseUrl = inject('baseUrl');
const lessonCount = lessonFiles('en').length;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let errors: string[];
/** The machine is shared: polls get time. */
const patient = { timeout: 15_000 };

describe.runIf(browserAvailable)('the course home', { timeout: 90_000 }, () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    // A fresh context per test: progress lives in localStorage, and each test starts without any.
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = collectPageErrors(page);
    return async () => {
      expect(errors, 'the browser console showed errors').toEqual([]);
      await context.close();
    };
  });

  it('shows the path: every lesson in order with its time, in parts, and a way in', async () => {
    await page.goto(`${baseUrl}/en/`);
    const lessons = page.locator('.ch-lesson');
    expect(await lessons.count()).toBe(lessonCount);
    expect(await lessons.first().locator('h4').innerText()).toContain('Introduction');
    for (const chip of await page.locator('.ch-lesson .ch-chip').filter({ hasText: /min/ }).allInnerTexts()) {
      expect(chip).toMatch(/^(\d+ h )?\d+ min$|^\d+ h$/);
    }
    expect(await page.locator('.ch-part h3').allInnerTexts()).toEqual([
      expect.stringContaining('Foundations'),
      expect.stringContaining('Task queues'),
      expect.stringContaining('In practice'),
      expect.stringContaining('Wrap-up'),
    ]);
    const start = page.locator('[data-progress-continue]');
    expect(await start.getAttribute('data-state')).toBe('start');
    expect(await start.getAttribute('href')).toBe('/en/lessons/00-introduction/');
    expect(await start.innerText()).toContain('START THE COURSE');
    expect(await page.getByRole('link', { name: 'Run it on your machine' }).first().getAttribute('href')).toBe(
      '/en/run-locally/',
    );
  });

  it('draws the capstone’s queue from its recorded run', async () => {
    await page.goto(`${baseUrl}/zh/`);
    const picture = page.locator('figure.qp');
    // Two uploads, each an inference job and the notify job that waits for it; the second model call fails.
    expect(await picture.locator('.qp-flow-title').allInnerTexts()).toEqual(['上传 analysis-1', '上传 analysis-2']);
    expect(
      await picture.locator('.qp-job').evaluateAll((jobs) => jobs.map((j) => j.getAttribute('data-state'))),
    ).toEqual(['completed', 'completed', 'failed', 'completed']);
    expect(await picture.innerText()).toContain('Your analysis analysis-1 is ready');
    expect(await picture.locator('.qp-seg[data-kind="backoff"]').count()).toBe(1);
  });

  it('remembers the lessons read and the self-checks answered, and offers to continue, in either language', async () => {
    await page.goto(`${baseUrl}/en/lessons/01-async-await/`);
    await page.goto(`${baseUrl}/en/lessons/05-queue-basics/`);
    // The lesson's path strip: this lesson is the current step, lesson 1 is marked as read.
    const strip = page.getByRole('navigation', { name: 'Where this lesson is in the course' });
    expect(await strip.locator('a[aria-current="step"]').innerText()).toContain('5');
    expect(await strip.locator('li[data-progress-lesson="01-async-await"]').getAttribute('data-visited')).toBe('true');
    expect(await strip.locator('li[data-progress-lesson="03-background-tasks"]').getAttribute('data-visited')).toBe(
      'false',
    );
    // Answer the lesson's first self-check question.
    const question = page.locator('self-check').first();
    await question.locator('input[type="radio"]').first().check();
    await question.locator('button').click();
    await expect.poll(() => question.getByRole('status').innerText(), patient).not.toBe('');

    await page.goto(`${baseUrl}/en/`);
    const go = page.locator('[data-progress-continue]');
    await expect.poll(() => go.getAttribute('data-state'), patient).toBe('continue');
    expect(await go.getAttribute('href')).toBe('/en/lessons/05-queue-basics/');
    expect(await go.innerText()).toContain('Lesson 5: task queue basics');
    expect(await page.locator('[data-progress-count="visited"]').first().innerText()).toBe('2');
    expect(await page.locator('[data-progress-count="selfChecks"]').first().innerText()).toBe('1');
    const lesson5 = page.locator('.ch-lesson[data-progress-lesson="05-queue-basics"]');
    expect(await lesson5.getAttribute('data-visited')).toBe('true');
    expect(await lesson5.locator('[data-self-checks]').innerText()).toMatch(/^1\/\d+$/);

    // Progress is per lesson, not per language: the Chinese home continues at the Chinese lesson 5.
    await page.goto(`${baseUrl}/zh/`);
    await expect.poll(() => go.getAttribute('href'), patient).toBe('/zh/lessons/05-queue-basics/');
    expect(await go.innerText()).toContain('第 5 课');

    await page.getByRole('button', { name: '清除我的进度' }).click();
    await expect.poll(() => go.getAttribute('data-state'), patient).toBe('start');
    expect(await page.locator('[data-progress-count="visited"]').first().innerText()).toBe('0');
  });

  it('keeps the way in the same size with or without progress, so nothing moves when progress arrives', async () => {
    await page.goto(`${baseUrl}/en/lessons/09-production/`);
    await page.goto(`${baseUrl}/en/`);
    await expect
      .poll(() => page.locator('[data-progress-continue]').getAttribute('data-state'), patient)
      .toBe('continue');
    const withProgress = await page.locator('[data-progress-continue]').boundingBox();
    const noScript = await browser.newContext({ viewport: { width: 1280, height: 900 }, javaScriptEnabled: false });
    try {
      const plain = await noScript.newPage();
      await plain.goto(`${baseUrl}/en/`);
      const without = await plain.locator('[data-progress-continue]').boundingBox();
      expect(withProgress).toEqual(without);
    } finally {
      await noScript.close();
    }
  });

  it('shows the site’s name without a cut-off subject on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/en/lessons/00-introduction/`);
    const title = page.locator('.site-title');
    expect(await title.innerText()).toBe('Async Lab');
    const fits = await title.evaluate((el) => el.scrollWidth <= el.clientWidth);
    expect(fits).toBe(true);
    await page.setViewportSize({ width: 1280, height: 900 });
    expect((await title.innerText()).replace(/\s+/g, ' ')).toBe('Async Lab · Async & Task Queues');
  });
});
