// The queue panel in the built site, driven through its public interface: the playground's run events (as a
// runner would cause them) and Replay of the recorded trace. No runner is needed for either.
import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable } from '../support/browser.ts';
import { pagePerTest } from '../support/page-per-test.ts';

const baseUrl = inject('baseUrl');
const patient = { timeout: 15_000 };
let page: Page;

describe.runIf(browserAvailable)('the queue panel in the static build', { timeout: 90_000 }, () => {
  pagePerTest((session) => ({ page } = session));

  it('says the code is starting while a run has no job yet, and that a run added none', async () => {
    await page.goto(`${baseUrl}/en/lessons/06-http-queue/`);
    const playground = page.locator('[data-playground]', { has: page.locator('[data-queue-view]') }).first();
    const panel = playground.locator('[data-queue-view]');
    const send = (type: string, detail: unknown) =>
      playground.evaluate((root, [t, d]) => root.dispatchEvent(new CustomEvent(t as string, { detail: d })), [
        type,
        detail,
      ] as const);
    await send('async-lab:run-start', { purpose: 'run', example: '06-http-queue', command: ['node', 'x.ts'] });
    await expect.poll(() => panel.locator('.qv-empty').innerText(), patient).toMatch(/^Starting your code/);
    expect(await panel.getAttribute('data-mode')).toBe('live');
    await send('async-lab:run-exit', { exit: { code: 0, reason: 'exited', durationMs: 10 } });
    await expect.poll(() => panel.locator('.qv-empty').innerText(), patient).toBe('This run added no jobs.');
  });

  it('replays a short recorded run slowed down, at a speed the reader can change', async () => {
    await page.goto(`${baseUrl}/zh/lessons/06-http-queue/`);
    const panel = page.locator('[data-queue-view]').first();
    const speed = panel.getByRole('combobox', { name: '速度' });
    expect(await speed.locator('option').allInnerTexts()).toEqual(['1×', '½×', '¼×', '⅒×']);
    // Lesson 6's recorded run lasts under a second: the replay starts slowed down.
    expect(Number(await speed.inputValue())).toBeLessThan(1);
    const recorded = await panel.locator('.qv-counts').innerText();
    await panel.getByRole('button', { name: '回放' }).click();
    await expect.poll(() => panel.getAttribute('data-mode'), patient).toBe('replay');
    await speed.selectOption('1');
    await expect.poll(() => panel.getAttribute('data-done'), patient).toBe('true');
    expect(await panel.locator('.qv-counts').innerText()).toBe(recorded);
  });

  it('wraps long job names instead of cutting them (the capstone’s panel)', async () => {
    await page.goto(`${baseUrl}/en/lessons/08-capstone/`);
    const labels = page.locator('[data-queue-view] .qv-job summary .qv-label');
    expect(await labels.count()).toBeGreaterThan(0);
    for (const label of await labels.all()) {
      expect(await label.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    }
    expect(await labels.first().innerText()).toContain('analysis-1');
  });
});
