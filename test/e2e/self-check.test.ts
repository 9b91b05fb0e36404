// Readers predict and check, in the built site: self-check questions answered with the keyboard, announced,
// remembered across a reload, and readable without JavaScript; a "guess first" output folded until Reveal or Run.
import type { Browser, Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable } from '../support/browser.ts';
import { pagePerTest } from '../support/page-per-test.ts';

const baseUrl = inject('baseUrl');
const lesson = '/zh/lessons/01-async-await/';
let browser: Browser;
let page: Page;

describe.runIf(browserAvailable)('predict and check', { timeout: 60_000 }, () => {
  pagePerTest((session) => ({ page, browser } = session));

  it('answers a question with the keyboard, announces the verdict and remembers it', async () => {
    await page.goto(baseUrl + lesson);
    const question = page.locator('self-check[data-id="await-pauses"]');
    // The options are a group named by the question (its <legend>).
    expect(await question.getByRole('group', { name: /Node 在做什么/ }).count()).toBe(1);
    const status = question.getByRole('status');

    await question.getByRole('radio').first().focus();
    await page.keyboard.press('Space'); // A: wrong
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect.poll(() => status.innerText()).toBe('不对，答案是 B。');
    expect(await question.locator('details').getAttribute('open')).not.toBeNull();

    await question.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowDown'); // B: right; a new choice clears the old verdict
    expect(await status.innerText()).toBe('');
    await question.getByRole('button', { name: '检查答案' }).press('Enter');
    await expect.poll(() => status.innerText()).toBe('答对了。');

    const saved = await page.evaluate(() => JSON.parse(localStorage.getItem('async-lab:progress:v1')!));
    expect(saved.selfChecks['01-async-await']['await-pauses']).toMatchObject({ choice: 1, correct: true });

    // The same lesson in English: answers are kept per lesson, so the reader's choice is there too.
    await page.goto(baseUrl + '/en/lessons/01-async-await/');
    const english = page.locator('self-check[data-id="await-pauses"]');
    expect(await english.getByRole('radio').nth(1).isChecked()).toBe(true);
    expect(await english.getByRole('status').innerText()).toBe('Correct.');
  });

  it('asks for a choice before checking', async () => {
    await page.goto(baseUrl + lesson);
    const question = page.locator('self-check[data-id="print-order"]');
    await question.getByRole('button', { name: '检查答案' }).click();
    expect(await question.getByRole('status').innerText()).toBe('请先选一个答案。');
  });

  it('keeps a guess-first output folded until Reveal', async () => {
    await page.goto(baseUrl + lesson);
    const predicted = page.locator('[data-playground] details[data-predict]');
    expect(await predicted.count()).toBe(1);
    expect(await predicted.getAttribute('open')).toBeNull();
    expect(await predicted.locator('pre').isVisible()).toBe(false);
    await predicted.locator('summary').focus();
    await page.keyboard.press('Enter');
    expect(await predicted.locator('pre').innerText()).toContain(
      '1. [sync     ] async function runs until its first await',
    );
  });

  it('works without JavaScript: options, the answer and why, and the folded output are all in the page', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const noScript = await context.newPage();
    await noScript.goto(baseUrl + lesson);
    const question = noScript.locator('self-check[data-id="missing-await"]');
    expect(await question.getByRole('radio').count()).toBe(3);
    expect(await question.getByRole('button').count()).toBe(0); // Check needs the script; it stays hidden
    await question.locator('summary').click();
    expect(await question.locator('details').innerText()).toContain('答案：B');
    const predicted = noScript.locator('details[data-predict]');
    await predicted.locator('summary').click();
    expect(await predicted.locator('pre').innerText()).toContain('6. [timer    ]');
    await context.close();
  });
});
