// What the reader's first click on a playground downloads: bytes from the click on Edit until the editor is
// usable (it shows the file highlighted, takes typing, and Run is wired), then until TypeScript diagnostics with
// the real types are there. Counted the way measure-page.mjs counts a cold load (decoded bodies, gzip -6),
// in a fresh browser context per run, so the figures compare with its "JS before interaction".
import { gzipSync } from 'node:zlib';
import type { Browser, Page, Request } from 'playwright-core';

export interface Phase {
  requests: number;
  gzip6: number;
  decoded: number;
  /** Milliseconds from the click (informative only: the machine is shared). */
  ms: number;
  /** The largest requests of the phase, for seeing where the bytes go. */
  largest: { url: string; gzip6: number }[];
}

export interface FirstClick {
  /** From the click until the editor is usable. */
  editorUsable: Phase;
  /** From the click until TypeScript reports diagnostics with the types loaded (includes editorUsable). */
  diagnostics: Phase;
}

interface Body {
  url: string;
  /** When the browser asked for it. */
  at: number;
  decoded: number;
  gzip6: number;
}

export async function measureFirstClick(browser: Browser, url: string): Promise<FirstClick> {
  const context = await browser.newContext({ viewport: { width: 1350, height: 940 } });
  const page = await context.newPage();
  const bodies: Body[] = [];
  const pending: Promise<void>[] = [];
  let clickedAt = Infinity;
  const askedAt = new Map<Request, number>();
  context.on('request', (request: Request) => void (Date.now() >= clickedAt && askedAt.set(request, Date.now())));
  context.on('requestfinished', (request: Request) => {
    const at = askedAt.get(request);
    if (at === undefined) return;
    pending.push(
      (async () => {
        const body = await (await request.response())?.body().catch(() => undefined);
        if (!body) return;
        const type = (await request.response())?.headers()['content-type'] ?? '';
        const textual = !/^image\/(?!svg)|font|wasm|octet/.test(type);
        bodies.push({
          url: request.url().replace(/^https?:\/\/[^/]+/, ''),
          at,
          decoded: body.length,
          gzip6: textual ? gzipSync(body, { level: 6 }).length : body.length,
        });
      })(),
    );
  });
  try {
    await page.goto(url, { waitUntil: 'load' });
    await quiet(page);
    const playground = page.locator('[data-playground]').first();
    const colours = watchForColours(page);
    clickedAt = Date.now();
    await playground.locator('button[data-action="edit"]').click();
    const usableAt = await waitForUsableEditor(page, colours);
    await waitForDiagnostics(page);
    await quiet(page);
    const doneAt = Date.now();
    await Promise.all(pending);
    return {
      editorUsable: phase(
        bodies.filter((b) => b.at <= usableAt),
        usableAt - clickedAt,
      ),
      diagnostics: phase(bodies, doneAt - clickedAt),
    };
  } finally {
    await context.close();
  }
}

function phase(bodies: Body[], ms: number): Phase {
  return {
    requests: bodies.length,
    gzip6: bodies.reduce((sum, b) => sum + b.gzip6, 0),
    decoded: bodies.reduce((sum, b) => sum + b.decoded, 0),
    ms,
    largest: [...bodies]
      .sort((a, b) => b.gzip6 - a.gzip6)
      .slice(0, 8)
      .map(({ url, gzip6 }) => ({ url, gzip6 })),
  };
}

/**
 * Usable: the editor shows the file with syntax colours and takes a keystroke. Returns the time (ms since the
 * epoch) the colours were first drawn, as the page itself saw it: a watcher in the page checks every frame, so a
 * main thread busy with what loads afterwards cannot make the editor look later than it was.
 */
async function waitForUsableEditor(page: Page, colours: Promise<number>): Promise<number> {
  const playground = page.locator('[data-playground]').first();
  const usableAt = await colours;
  await playground.locator('.monaco-editor .view-lines').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('//');
  await page.waitForFunction(
    () =>
      (
        document.querySelector('[data-playground]') as { playgroundEditor?: { current(): string } } | null
      )?.playgroundEditor
        ?.current()
        .includes('//'),
    undefined,
    { timeout: 60_000 },
  );
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  return usableAt;
}

/** Starts a watcher in the page, before the click, that notes when the editor first shows colours. */
function watchForColours(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const check = () => {
          const lines = document.querySelector('[data-playground] .monaco-editor .view-lines');
          const spans = lines?.querySelectorAll('span[class*="mtk"]') ?? [];
          // Keywords, strings and identifiers in different colours.
          if (new Set([...spans].map((span) => span.className)).size >= 3) resolve(Date.now());
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );
}

/**
 * Diagnostics: the TypeScript worker has checked the open file with the real types. The editor says so through
 * `diagnosticsReady()`; an editor without it (an older build) counts as ready once the types bundle arrived.
 */
async function waitForDiagnostics(page: Page): Promise<void> {
  const hasSignal = await page.evaluate(
    () =>
      typeof (document.querySelector('[data-playground]') as { playgroundEditor?: { diagnosticsReady?: unknown } })
        ?.playgroundEditor?.diagnosticsReady === 'function',
  );
  if (!hasSignal) {
    await page.waitForFunction(
      () =>
        performance.getEntriesByType('resource').some((entry) => entry.name.includes('/playground/types/deps.json')),
      undefined,
      { timeout: 180_000, polling: 250 },
    );
    return;
  }
  await page.waitForFunction(
    () => {
      const root = document.querySelector('[data-playground]') as {
        playgroundEditor?: { diagnosticsReady?(): boolean };
      } | null;
      return root?.playgroundEditor?.diagnosticsReady?.() ?? false;
    },
    undefined,
    { timeout: 180_000, polling: 250 },
  );
}

/** No request in flight for two seconds (as measure-page.mjs waits before it counts). */
async function quiet(page: Page, quietMs = 2_000, maxMs = 60_000): Promise<void> {
  let inflight = 0;
  let last = Date.now();
  const start = (): void => void ((inflight += 1), (last = Date.now()));
  const end = (): void => void ((inflight -= 1), (last = Date.now()));
  page.on('request', start);
  page.on('requestfinished', end);
  page.on('requestfailed', end);
  const deadline = Date.now() + maxMs;
  try {
    while (Date.now() < deadline && !(inflight <= 0 && Date.now() - last >= quietMs)) await page.waitForTimeout(100);
  } finally {
    page.off('request', start);
    page.off('requestfinished', end);
    page.off('requestfailed', end);
  }
}
