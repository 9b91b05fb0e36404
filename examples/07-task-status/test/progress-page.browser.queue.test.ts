// The page at GET / in a real Chromium: submit a task and watch the <progress> fill from EventSource, cancel a
// running task, and keep following through a dropped connection (EventSource reconnects with Last-Event-ID).
// The app, its queue and a worker run in this process, on the pass's Redis (in memory, then a real one).
import { createConnection } from '@async-lab/memory-redis';
import { QueueEvents } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uniqueQueueName } from '@async-lab/course-tools/testing/queue-test-kit';
import { createAddQueue } from '../src/add-queue.ts';
import { createAddWorker } from '../src/add-worker.ts';
import { buildApp } from '../src/app.ts';
import { cancelOnRequest } from '../src/cancel-requests.ts';
import { chromiumMissing, launchChromium } from './support/chromium.ts';

const missing = chromiumMissing();

describe.skipIf(missing)('the progress page in Chromium', () => {
  const connection = createConnection();
  const queue = createAddQueue(connection, uniqueQueueName('page'));
  const queueEvents = new QueueEvents(queue.name, { connection });
  const worker = createAddWorker(connection, { name: queue.name, stepMs: 400 });
  const app = buildApp(queue, queueEvents);
  let stopCancelling: () => Promise<void>;
  let browser: Browser;
  let address: string;

  beforeAll(async () => {
    await queueEvents.waitUntilReady();
    stopCancelling = await cancelOnRequest(worker, connection);
    address = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app.close();
    await stopCancelling?.();
    await worker.close();
    await queueEvents.close();
    await queue.close();
    await connection.quit();
  });

  // Opens the page and records every value the progress bar takes and every status line, as the reader sees them.
  async function openPage(): Promise<{ page: Page; seen: () => Promise<{ values: number[]; statuses: string[] }> }> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${address}/`);
    await page.evaluate(() => {
      const record: { values: number[]; statuses: string[] } = { values: [], statuses: [] };
      (window as unknown as { seen: typeof record }).seen = record;
      const bar = document.querySelector('progress')!;
      const status = document.querySelector('[role=status]')!;
      new MutationObserver(() => record.values.push(bar.value)).observe(bar, { attributes: true });
      new MutationObserver(() => record.statuses.push(status.textContent ?? '')).observe(status, { childList: true });
    });
    return {
      page,
      seen: async () => {
        expect(errors, 'errors in the page').toEqual([]);
        return page.evaluate(() => (window as unknown as { seen: { values: number[]; statuses: string[] } }).seen);
      },
    };
  }

  it('submits a task, fills the progress bar from the named progress events, and shows the result', async () => {
    const { page, seen } = await openPage();
    await page.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 20_000 })
      .toMatch(/completed, result 5$/);
    const { values, statuses } = await seen();
    expect(values.filter((v) => v > 0)).toEqual([25, 50, 75, 100]);
    // (waiting and active may come or not: the worker can be quicker than the page's first request)
    expect(statuses.map((s) => s.replace(/^task \d+: /, '')).filter((s) => !/^(waiting|active)$/.test(s))).toEqual([
      '25% done',
      '50% done',
      '75% done',
      '100% done',
      'completed, result 5',
    ]);
    expect(await page.getByRole('button', { name: 'Cancel' }).isDisabled()).toBe(true);
    await page.close();
  });

  it('cancels a running task with the Cancel button', async () => {
    const { page, seen } = await openPage();
    await page.getByRole('button', { name: 'Add' }).click();
    await expect
      .poll(() => page.locator('progress').evaluate((bar: HTMLProgressElement) => bar.value), { timeout: 20_000 })
      .toBe(25);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 20_000 })
      .toMatch(/failed: cancelled by the user$/);
    const { values } = await seen();
    expect(values).not.toContain(100);
    await page.close();
  });

  it('keeps following through a dropped connection, without missing or repeating a step', async () => {
    const { page, seen } = await openPage();
    await worker.pause(); // the task waits until the page is following it
    await page.getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => page.getByRole('status').textContent(), { timeout: 20_000 }).toMatch(/waiting$/);
    worker.resume();
    await expect
      .poll(() => page.locator('progress').evaluate((bar: HTMLProgressElement) => bar.value), { timeout: 20_000 })
      .toBe(25);
    app.server.closeAllConnections(); // the network drops: the page's EventSource loses its stream
    await expect
      .poll(() => page.getByRole('status').textContent(), { timeout: 20_000 })
      .toMatch(/completed, result 5$/);
    const { values, statuses } = await seen();
    expect(values.filter((v) => v > 0)).toEqual([25, 50, 75, 100]);
    expect(statuses.some((s) => s.endsWith('connection lost, reconnecting…'))).toBe(true);
    await page.close();
  });
});
