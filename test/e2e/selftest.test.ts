// The runtime self-test page, as CI can run it: `astro dev` (the local runner; ?runner=local says so), the page in
// Chromium, Run pressed, every step of the fixed list passing with its timings, the report copied, and the page
// accessible in both languages, and the same run reported in Chinese. Screenshots land in test-results/ for a
// person to look at.
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELF_TEST_STEPS } from '../../src/lib/selftest/steps.ts';
import { collectPageErrors, launchBrowser } from '../support/browser.ts';
import { startDevServer, type DevServer } from '../support/dev-server.ts';

let dev: DevServer;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  dev = await startDevServer();
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: dev.baseUrl });
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
});

async function open(path: string): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors = collectPageErrors(page);
  await page.goto(dev.baseUrl + path, { timeout: 120_000 });
  return { page, errors };
}

function serious(results: Awaited<ReturnType<AxeBuilder['analyze']>>): string[] {
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target).join(', ')})`);
}

describe('the runtime self-test page with the local runner', () => {
  it('runs the fixed list: every step passes, with timings, and the report copies', async () => {
    const { page, errors } = await open('/en/selftest/?runner=local');
    await page.getByRole('button', { name: 'Run the self-test' }).click();
    await page.waitForSelector('async-selftest[data-state="done"]', { timeout: 300_000 });

    const rows = await page.$$eval('tr[data-step]', (trs) =>
      trs.map((tr) => ({
        id: tr.getAttribute('data-step'),
        result: tr.getAttribute('data-result'),
        time: tr.querySelector('[data-cell="time"]')!.textContent,
        details: tr.querySelector('[data-cell="details"]')!.textContent,
      })),
    );
    expect(rows.map((row) => row.id)).toEqual([...SELF_TEST_STEPS]);
    expect(
      rows.filter((row) => row.result !== 'pass'),
      JSON.stringify(rows, null, 2),
    ).toEqual([]);
    for (const row of rows) expect(row.time, row.id!).toMatch(/^\d+ ms/);
    expect(await page.getAttribute('async-selftest', 'data-passed')).toBe('true');
    expect(await page.textContent('[data-summary]')).toMatch(/^8 of 8 steps passed in \d+\.\d s\.$/);
    expect(await page.textContent('[data-environment="runner"]')).toBe('Local runner (this machine\u2019s Node)');
    expect(await page.textContent('[data-environment="isolated"]')).toBe('yes');
    expect(await page.textContent('[data-environment="node"]')).toMatch(/^v\d+\.\d+\.\d+$/);

    await page.getByRole('button', { name: 'Copy report' }).click();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await page.textContent('[data-report]'));
    expect(copied).toContain('Runtime: Local runner');
    expect(copied.match(/^\d\. ✓ PASS /gm)).toHaveLength(8);
    console.log(copied);

    await page.locator('details.st-report').evaluate((details: HTMLDetailsElement) => (details.open = true));
    await page.screenshot({ path: 'test-results/selftest-en-local.png', fullPage: true });
    expect(serious(await new AxeBuilder({ page }).include('main').analyze())).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 360_000);

  it('speaks Chinese on the zh page, and is reached from /selftest', async () => {
    const { page, errors } = await open('/selftest');
    expect(new URL(page.url()).pathname).toBe('/zh/selftest/');
    await expect.poll(() => page.getByRole('button', { name: '开始自检' }).count()).toBe(1);
    expect(await page.textContent('[data-summary]')).toBe('尚未开始。全部运行大约需要一分钟。');
    expect(await page.textContent('tr[data-step="stop"] th')).toBe('“停止”能结束一个死循环');
    await page.screenshot({ path: 'test-results/selftest-zh.png', fullPage: true });
    expect(serious(await new AxeBuilder({ page }).include('main').analyze())).toEqual([]);

    // The same list, reported in Chinese (the local runner: this page under astro dev picks it by itself).
    await page.getByRole('button', { name: '开始自检' }).click();
    await page.waitForSelector('async-selftest[data-state="done"]', { timeout: 300_000 });
    expect(await page.getAttribute('async-selftest', 'data-passed')).toBe('true');
    expect(await page.textContent('[data-summary]')).toMatch(/^8 步中通过 8 步，用时 \d+\.\d 秒。$/);
    expect(await page.textContent('[data-environment="runner"]')).toBe('本地运行器（本机的 Node）');
    const report = (await page.textContent('[data-report]'))!;
    expect(report.match(/^\d\. ✓ 通过 /gm)).toHaveLength(8);
    console.log(report);
    await page.locator('details.st-report').evaluate((details: HTMLDetailsElement) => (details.open = true));
    await page.screenshot({ path: 'test-results/selftest-zh-local.png', fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  }, 360_000);
});
