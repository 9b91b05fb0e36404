// The playground in the built site (astro preview): what every reader gets before and without a runner.
// No local runner exists here, and this machine cannot reach StackBlitz, so Run must end in a plain message
// with the recorded output still shown.
import type { Browser, Page } from 'playwright-core';
import { unzipSync } from 'fflate';
import { describe, expect, inject, it } from 'vitest';
import { browserAvailable, collectPageErrors } from '../support/browser.ts';
import { pagePerTest } from '../support/page-per-test.ts';

const baseUrl = inject('baseUrl');
const lesson = '/en/lessons/00-introduction/';
let browser: Browser;
let page: Page;

describe.runIf(browserAvailable)('the playground in the static build', { timeout: 90_000 }, () => {
  pagePerTest((session) => ({ page, browser } = session));

  it('shows highlighted code in file tabs and the recorded output, and loads no editor before engagement', async () => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(baseUrl + lesson);
    const playground = page.locator('[data-playground]').first();
    expect(await playground.getByRole('tab', { name: 'src/main.ts' }).getAttribute('aria-selected')).toBe('true');
    expect(await playground.getByRole('tabpanel').first().innerText()).toContain(
      "import { greet, type Learner } from './greet.ts'",
    );
    const log = playground.getByRole('log');
    expect(await log.innerText()).toContain('Hello, Ada!');
    expect(await playground.locator('.pg-output-title').innerText()).toBe('Recorded output');
    // Keyboard tabs: arrow right opens the next file.
    await playground.getByRole('tab', { name: 'src/main.ts' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await playground.getByRole('tab', { name: 'src/greet.ts' }).getAttribute('aria-selected')).toBe('true');
    expect(await playground.getByRole('tabpanel', { name: 'src/greet.ts' }).innerText()).toContain(
      'export function greet',
    );
    await page.waitForLoadState('networkidle');
    expect(requests.filter((url) => /monaco|editor|worker|playground\/types/.test(url))).toEqual([]);
  });

  it('speaks the page’s language', async () => {
    await page.goto(baseUrl + '/zh/lessons/00-introduction/');
    const playground = page.locator('[data-playground]').first();
    for (const name of ['编辑', '运行', '停止', '重置']) {
      expect(await playground.getByRole('button', { name, exact: true }).count(), name).toBe(1);
    }
    expect(await playground.locator('.pg-output-title').innerText()).toBe('录制的输出');
  });

  it('says what the buttons and keys do in this playground: Run where it runs, Check where it checks', async () => {
    await page.goto(baseUrl + '/en/lessons/01-async-await/');
    const help = (i: number) => page.locator('[data-playground] .pg-help').nth(i).innerText();
    // The first playground runs an example; the last is the exercise, which has Check and no Run.
    expect(await help(0)).toBe(
      'Edit or Run opens the editor. Ctrl+Enter (⌘+Enter on a Mac) runs. In the editor, Tab indents: press ' +
        'Ctrl+M (⇧⌃M on a Mac) to make Tab move the focus instead.',
    );
    const exercise = page.locator('[data-playground]').last();
    expect(await exercise.getByRole('button', { name: 'Run', exact: true }).count()).toBe(0);
    expect(await exercise.locator('.pg-help').innerText()).toMatch(/^Edit or Check opens the editor\. .* checks\. /);
    await page.goto(baseUrl + '/zh/lessons/01-async-await/');
    expect(await page.locator('[data-playground]').last().locator('.pg-help').innerText()).toMatch(
      /^点“编辑”或“检查”打开编辑器。.*检查。/,
    );
  });

  it('says why code cannot run in the page’s language too', async () => {
    await page.goto(baseUrl + '/zh/lessons/00-introduction/?runner=local'); // the static build has no local runner
    const playground = page.locator('[data-playground]').first();
    await playground.getByRole('button', { name: '运行', exact: true }).click();
    await expect
      .poll(() => playground.locator('.pg-note').innerText(), { timeout: 30_000 })
      .toMatch(/本地运行器只在你用 `npm start`/);
    expect(await playground.locator('.pg-status').innerText()).toBe('录制的输出（代码无法在这里运行）');
  });

  it('downloads the example package as a zip without node_modules', async () => {
    await page.goto(baseUrl + lesson);
    const href = await page
      .locator('[data-playground]')
      .first()
      .getByRole('link', { name: /Download/ })
      .getAttribute('href');
    const response = await fetch(baseUrl + href);
    expect(response.headers.get('content-type')).toContain('zip');
    const files = Object.keys(unzipSync(new Uint8Array(await response.arrayBuffer())));
    expect(files).toEqual(
      // The lesson's package inside a folder that installs by itself (src/lib/content/example-zip.ts).
      expect.arrayContaining([
        '00-hello-ts/package.json',
        '00-hello-ts/00-hello-ts/src/main.ts',
        '00-hello-ts/00-hello-ts/src/greet.ts',
      ]),
    );
    expect(files.some((file) => file.includes('node_modules'))).toBe(false);
  });

  it('says plainly when the code cannot run here, and keeps the recorded output', async () => {
    await page.goto(baseUrl + lesson + '?runner=local'); // the static build has no local runner
    const playground = page.locator('[data-playground]').first();
    await playground.getByRole('button', { name: 'Run' }).click();
    await expect
      .poll(() => playground.locator('.pg-note').innerText(), { timeout: 30_000 })
      .toMatch(/local runner exists only/);
    expect(await playground.getByRole('log').innerText()).toContain('Hello, Ada!');
    expect(await playground.locator('.pg-status').innerText()).toMatch(/could not run here/);
    expect(await playground.getByRole('button', { name: 'Stop' }).isDisabled()).toBe(true);
    // And where it does run: the reader's own machine.
    expect(
      await playground.locator('.pg-note').getByRole('link', { name: 'Run it on your machine' }).getAttribute('href'),
    ).toBe('/en/run-locally/');
  });

  it('on an iPad: asks before starting WebContainers, then starts them and remembers the answer', async () => {
    const iPad = await browser.newContext({
      viewport: { width: 1180, height: 820 },
      hasTouch: true,
      userAgent:
        'Mozilla/5.0 (iPad; CPU OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
    });
    // StackBlitz is unreachable here anyway; answer its requests with an empty page so the boot simply waits.
    await iPad.route(
      (url) => !url.href.startsWith(baseUrl),
      (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '' }),
    );
    const tablet = await iPad.newPage();
    const tabletErrors = collectPageErrors(tablet);
    await tablet.goto(baseUrl + lesson);
    const playground = tablet.locator('[data-playground]').first();
    const status = playground.locator('.pg-status');
    await playground.getByRole('button', { name: 'Run', exact: true }).click();
    const note = playground.locator('.pg-note');
    await expect.poll(() => note.innerText(), { timeout: 30_000 }).toMatch(/unreliable on iPhone and iPad/);
    expect(await status.innerText()).toMatch(/could not run here/);
    expect(await playground.getByRole('log').innerText()).toContain('Hello, Ada!');

    await note.getByRole('button', { name: 'Run anyway' }).click();
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toMatch(/Starting Node\.js in your browser/);
    expect(await note.isHidden()).toBe(true);

    // The answer holds for the visit: after a reload, Run goes straight to starting the runtime.
    await tablet.reload();
    await playground.getByRole('button', { name: 'Run', exact: true }).click();
    await expect.poll(() => status.innerText(), { timeout: 30_000 }).toMatch(/Starting Node\.js in your browser/);
    expect(await note.isHidden()).toBe(true);
    expect(tabletErrors).toEqual([]);
    await iPad.close();
  });

  it('a phone held sideways is still a phone: no editor and no Run', async () => {
    const phone = await browser.newContext({ viewport: { width: 844, height: 390 }, hasTouch: true, isMobile: true });
    const phonePage = await phone.newPage();
    await phonePage.goto(baseUrl + lesson);
    const playground = phonePage.locator('[data-playground]').first();
    expect(await playground.getByRole('button', { name: 'Run', exact: true }).isVisible()).toBe(false);
    expect(await playground.getByRole('log').innerText()).toContain('Hello, Ada!');
    await phone.close();
  });

  it('on a phone: no editor and no Run, just the code and the recorded output', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const phonePage = await phone.newPage();
    const requests: string[] = [];
    phonePage.on('request', (request) => requests.push(request.url()));
    await phonePage.goto(baseUrl + lesson);
    const playground = phonePage.locator('[data-playground]').first();
    expect(await playground.getByRole('button', { name: 'Run' }).isVisible()).toBe(false);
    expect(await playground.getByRole('button', { name: 'Edit' }).isVisible()).toBe(false);
    // No editor here, so no line about the editor's keys.
    expect(await playground.locator('.pg-help').isVisible()).toBe(false);
    await playground.getByRole('tabpanel').first().tap();
    expect(await playground.getByRole('log').innerText()).toContain('Hello, Ada!');
    await phonePage.waitForLoadState('networkidle');
    expect(requests.filter((url) => /monaco|editor|worker/.test(url))).toEqual([]);
    await phone.close();
  });
});
