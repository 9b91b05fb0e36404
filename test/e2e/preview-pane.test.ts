// The playground's preview pane end to end: lesson 7 under `astro dev` in Chromium, the local runner starts the
// example's server, the dev server's proxy serves its page into the pane (inside our cross-origin isolated page),
// and the page works there: a form posts a task and a progress bar follows it over EventSource to the result.
import type { Browser, Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectPageErrors, launchBrowser } from '../support/browser.ts';
import { startDevServer, type DevServer } from '../support/dev-server.ts';

let dev: DevServer;
let browser: Browser;

beforeAll(async () => {
  dev = await startDevServer();
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
});

interface Editor {
  values(): Record<string, string>;
  replace(path: string, text: string): void;
}

async function lesson(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  const errors = collectPageErrors(page);
  await page.goto(`${dev.baseUrl}/en/lessons/07-task-status/?runner=local&timeout=300000`, { timeout: 120_000 });
  return { page, errors };
}

describe('the preview pane with the local runner', () => {
  it('shows the running server’s page, which submits a task and follows its progress to the end', async () => {
    const { page, errors } = await lesson();
    const playground = page.locator('[data-playground]', { has: page.locator('.pg-preview') });
    const pane = playground.locator('.pg-preview');
    expect(await pane.getAttribute('data-preview')).toBe('empty');
    expect(await pane.locator('[data-preview-message]').textContent()).toMatch(/Run the example/);
    expect(await playground.locator('.pg-local-note').textContent()).toMatch(/with your user’s rights/);

    // Any free port rather than 3000 (another run on this machine may hold it): the reader's own edit, in the
    // editor, is what runs.
    await playground.locator('button[data-action="edit"]').click();
    await playground.evaluate(
      (root) =>
        new Promise<void>((resolve) => {
          const ready = () => ('playgroundEditor' in root ? resolve() : setTimeout(ready, 100));
          ready();
        }),
    );
    await playground.evaluate((root) => {
      const editor = (root as unknown as { playgroundEditor: Editor }).playgroundEditor;
      // Slower steps (2 s each) too, so the page is surely following the task before it ends.
      const server = editor.values()['src/server.ts']!;
      editor.replace('src/server.ts', server.replace('?? 3000', '?? 0').replace('?? 1000', '?? 2000'));
    });
    await playground.locator('button[data-action="run"]').click();
    await expect.poll(() => pane.getAttribute('data-preview'), { timeout: 120_000 }).toBe('showing');
    const listening = /listening on http:\/\/127\.0\.0\.1:(\d+)/;
    await expect.poll(() => playground.locator('.pg-output').textContent(), { timeout: 30_000 }).toMatch(listening);
    const port = listening.exec((await playground.locator('.pg-output').textContent())!)![1];
    expect(await pane.locator('[data-preview-address]').textContent()).toBe(`localhost:${port}/`);
    const iframe = pane.locator('iframe');
    const src = (await iframe.getAttribute('src'))!;
    expect(new URL(src).port).not.toBe(new URL(dev.baseUrl).port);
    expect(await pane.locator('[data-preview-open]').getAttribute('href')).toBe(src);

    const preview: Frame = (await (await iframe.elementHandle())!.contentFrame())!;
    await preview.waitForSelector('form#submit', { timeout: 60_000 });
    await preview.waitForLoadState('load', { timeout: 60_000 }); // its module script has run: the form is wired
    await preview.fill('input[name="x"]', '20');
    await preview.fill('input[name="y"]', '22');
    // Every status line the page shows, as it shows them: the events arrive one by one through the proxy.
    await preview.evaluate(() => {
      const status = document.querySelector('#status')!;
      const seen: string[] = ((window as unknown as { seen: string[] }).seen = []);
      new MutationObserver(() => seen.push(status.textContent!)).observe(status, { childList: true });
    });
    await preview.click('form#submit button');
    await expect.poll(() => preview.textContent('#status'), { timeout: 90_000 }).toMatch(/completed, result 42$/);
    const seen = await preview.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen).toContain('task 1: 50% done');
    expect(seen.indexOf('task 1: 50% done')).toBeLessThan(seen.indexOf('task 1: completed, result 42'));
    expect(await preview.$eval('#bar', (bar: HTMLProgressElement) => bar.value)).toBe(100);
    // The frame is isolated like the page around it, and is not the lesson's origin.
    expect(await preview.evaluate(() => location.origin)).not.toBe(new URL(dev.baseUrl).origin);
    expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
    await playground.screenshot({ path: 'test-results/preview-pane-07.png' });

    await playground.locator('button[data-action="stop"]').click();
    await expect.poll(() => pane.getAttribute('data-preview'), { timeout: 30_000 }).toBe('empty');
    expect(await pane.locator('iframe').count()).toBe(0);
    expect(await pane.locator('[data-preview-message]').textContent()).toMatch(/The server stopped with the run/);
    expect(errors).toEqual([]);
    await page.close();
  }, 300_000);
});
