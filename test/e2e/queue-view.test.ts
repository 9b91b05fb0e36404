// The queue panel in Chromium, with real runs through the local runner of `astro dev`: a retried job fails twice
// and completes, a job scheduler ticks, and replaying the recorded trace ends in the state a live run ends in.
// The page under test is a fixture added to a private copy of the site (so other work on the repo never sees it).
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Locator, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { browserAvailable, collectPageErrors, launchBrowser } from '../support/browser.ts';
import { startDevServer, type DevServer } from '../support/dev-server.ts';

const repo = resolve(import.meta.dirname, '../..');
const fixturePath = '/en/queue-view-fixture/';

const fixturePage = `---
import StarlightPage from '@astrojs/starlight/components/StarlightPage.astro';
import Playground from '../../components/Playground.astro';
import QueueView from '../../components/QueueView.astro';
---
<StarlightPage frontmatter={{ title: 'Queue panel fixture', order: 99, locale: 'en', seed: ['goals'] } as never}>
  <Playground example="05-queue-basics" files={['src/retries-demo.ts']} command="node src/retries-demo.ts" recording="retries" title="Retries">
    <QueueView slot="beside-output" example="05-queue-basics" recording="retries" />
  </Playground>
  <Playground example="04-scheduling" files={['src/distributed/two-workers.ts']} command="node src/distributed/two-workers.ts" title="Schedulers">
    <QueueView slot="beside-output" />
  </Playground>
</StarlightPage>
`;

interface PanelSummary {
  counts: Record<string, number>;
  rows: string[][];
  attempts: Array<[string | undefined, string[]]>;
  schedulers: Array<[string | undefined, number]>;
}

let site: string;
let dev: DevServer | undefined;
let baseUrl: string;
let browser: Browser;
let page: Page;
let errors: string[];
let scripts: string[];

/**
 * A copy of the site with the fixture page, inside the repo's (ignored) .cache/ so that packages still resolve
 * from the repo's node_modules by walking up (a symlinked node_modules confuses Vite). Examples are copied:
 * the local runner copies them per run, and its temp dirs go to <copy>/.tmp so the runs resolve packages the
 * same way.
 */
function makeSiteCopy(): string {
  mkdirSync(join(repo, '.cache'), { recursive: true });
  const dir = mkdtempSync(join(repo, '.cache', 'queue-view-e2e-'));
  const skip = new Set(['node_modules', 'examples', 'dist', '.git', '.astro', '.cache', 'test-results']);
  for (const entry of readdirSync(repo)) {
    if (!skip.has(entry)) cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  }
  // Without `workspaces`, Vite takes the repo (not the copy) as the workspace root and serves its node_modules.
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  delete pkg.workspaces;
  writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg, null, 2));
  cpSync(join(repo, 'examples'), join(dir, 'examples'), {
    recursive: true,
    filter: (source) => !source.split('/').includes('node_modules'),
  });
  mkdirSync(join(dir, 'src/pages/en'), { recursive: true });
  writeFileSync(join(dir, 'src/pages/en/queue-view-fixture.astro'), fixturePage);
  mkdirSync(join(dir, '.tmp'));
  return dir;
}

function summary(panel: Locator): Promise<PanelSummary> {
  return panel.evaluate((root) => ({
    counts: Object.fromEntries(
      [...root.querySelectorAll<HTMLElement>('.qv-count')].map((li) => [
        li.dataset.state!,
        Number(li.querySelector('.qv-n')!.textContent),
      ]),
    ),
    rows: [...root.querySelectorAll('.qv-table tbody tr')].map((tr) =>
      [...tr.children].map((c) => c.textContent ?? ''),
    ),
    attempts: [...root.querySelectorAll<HTMLElement>('details.qv-job')].map((d): [string | undefined, string[]] => [
      d.dataset.state,
      [...d.querySelectorAll<HTMLElement>('.qv-seg')]
        .map((s) => s.dataset.kind!)
        .filter((kind) => ['active', 'completed', 'failed'].includes(kind)),
    ]),
    schedulers: [...root.querySelectorAll<HTMLElement>('.qv-scheduler')].map((li): [string | undefined, number] => [
      li.dataset.scheduler,
      Number(li.querySelector<HTMLElement>('[data-ticks]')!.dataset.ticks),
    ]),
  }));
}

function playground(title: string): Locator {
  return page.locator(`[data-playground][aria-label="${title}"]`);
}

async function runAndWait(title: string): Promise<Locator> {
  const pg = playground(title);
  const panel = pg.locator('[data-queue-view]');
  await pg.getByRole('button', { name: 'Run' }).click();
  await expect.poll(() => panel.getAttribute('data-mode'), { timeout: 60_000 }).toBe('live-done');
  return panel;
}

describe.runIf(browserAvailable)('the queue panel (astro dev, local runner)', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    site = makeSiteCopy();
    // Its temp dirs (the local runner's runs) go inside the copy, so runs resolve packages as the site does.
    dev = await startDevServer({ root: site, readyPath: fixturePath, env: { TMPDIR: join(site, '.tmp') } });
    baseUrl = dev.baseUrl;
    browser = await launchBrowser();
    // Warm up: the first visit compiles the page, the playground app and the panel.
    const warm = await browser.newPage();
    let navigations = 0;
    warm.on('framenavigated', (frame) => void (frame === warm.mainFrame() && navigations++));
    await warm.goto(baseUrl + fixturePath);
    await warm.locator('[data-qv-replay]').first().click();
    await warm
      .locator('.qv[data-done="true"]')
      .first()
      .waitFor({ timeout: 60_000 })
      .catch((error: Error) => {
        throw new Error(`${error.message}\nastro dev printed:\n${dev!.log()}`);
      });
    expect(navigations, 'the page reloaded under the test').toBe(1);
    await warm.close();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await dev?.stop();
    if (site) rmSync(site, { recursive: true, force: true });
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = collectPageErrors(page);
    scripts = [];
    page.on('request', (request: Request) => {
      if (request.resourceType() === 'script') scripts.push(request.url());
    });
    await page.goto(baseUrl + fixturePath);
    return async () => {
      expect(errors, 'the browser console showed errors').toEqual([]);
      await page.close();
    };
  });

  it('shows the recorded run without loading the panel script, and replays it to the same state', async () => {
    const panel = playground('Retries').locator('[data-queue-view]');
    const recorded = await summary(panel);
    expect(recorded.counts.completed).toBe(1);
    expect(recorded.attempts).toEqual([['completed', ['failed', 'failed', 'completed']]]);
    expect(scripts.filter((url) => url.includes('queue-view/panel'))).toEqual([]);

    await panel.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => panel.getAttribute('data-mode')).toBe('replay');
    await expect.poll(() => panel.getAttribute('data-done'), { timeout: 15_000 }).toBe('true');
    expect(scripts.some((url) => url.includes('queue-view/panel'))).toBe(true);
    expect(await summary(panel)).toEqual(recorded);
    await expect.poll(() => panel.locator('[data-qv-status]').textContent()).toBe('1 completed');
  });

  it('passes axe (WCAG 2.1 AA) in light and dark mode, with every job opened', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 } });
      const themed = await context.newPage();
      await themed.goto(baseUrl + fixturePath);
      await themed.evaluate(() =>
        document.querySelectorAll('.qv details').forEach((d) => ((d as HTMLDetailsElement).open = true)),
      );
      const results = await new AxeBuilder({ page: themed })
        .include('.qv')
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
        .analyze();
      const problems = results.violations.map(
        (v) =>
          `${colorScheme}: ${v.impact} ${v.id}: ${v.help} — ${v.nodes
            .slice(0, 3)
            .map((n) => n.target.join(' '))
            .join(' | ')}`,
      );
      await context.close();
      expect(problems).toEqual([]);
    }
  });

  it('runs the retry example live: the job fails twice, then completes, as in the replay', async () => {
    const panel = await runAndWait('Retries');
    const live = await summary(panel);
    expect(live.attempts).toEqual([['completed', ['failed', 'failed', 'completed']]]);
    expect(live.counts).toMatchObject({ completed: 1, failed: 0, active: 0, waiting: 0, delayed: 0 });
    expect(live.rows).toEqual([['1 add', 'math-retries', 'completed', '3 of 3', 'worker-1', '5']]);

    // Details of the job: its data, result and each attempt.
    const job = panel.locator('details.qv-job').first();
    await job.locator('summary').click();
    await expect
      .poll(() => job.locator('.qv-details').innerText())
      .toMatch(/attempt 1: failed on worker-1 \(flaky service did not answer\), retry after 200 ms/);
    expect(await job.locator('.qv-details').innerText()).toMatch(/"x": 2/);

    // The recorded trace, replayed, ends where the live run ended.
    await panel.getByRole('button', { name: 'Replay' }).click();
    await expect.poll(() => panel.getAttribute('data-done'), { timeout: 15_000 }).toBe('true');
    await expect.poll(() => panel.getAttribute('data-mode')).toBe('recorded');
    expect(await summary(panel)).toEqual(live);
  });

  it('runs the scheduler example live and shows the ticks that created jobs', async () => {
    const panel = await runAndWait('Schedulers');
    const live = await summary(panel);
    const heartbeat = live.schedulers.find(([id]) => id === 'heartbeat-report');
    expect(heartbeat?.[1]).toBeGreaterThanOrEqual(3);
    expect(live.schedulers.map(([id]) => id)).toContain('nightly-cleanup');
    expect(live.counts.completed).toBeGreaterThanOrEqual(3);
    expect(await panel.locator('.qv-scheduler .qv-tick').count()).toBeGreaterThanOrEqual(4);
  });
});
