// How the watcher of StackBlitz's frame decides, step by step, with the page stood in for (a frame element, its
// load event, the request's outcome, the "init" message) and fake time. The real thing, in Chromium where
// stackblitz.com does not resolve, is test/e2e/webcontainer-in-chromium.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchHeadlessFrame, type FrameEvent } from '../../../src/lib/runtime/stackblitz-frame.ts';

const URL_OF_FRAME = 'https://stackblitz.com/headless?coep=require-corp&version=1.6.4';

function page() {
  const frame = Object.assign(new EventTarget(), { nodeName: 'IFRAME', src: URL_OF_FRAME });
  const win = Object.assign(new EventTarget(), {
    document: { querySelectorAll: () => [], body: {} },
  });
  let observed: ((records: { addedNodes: unknown[] }[]) => void) | undefined;
  vi.stubGlobal(
    'MutationObserver',
    class {
      constructor(callback: typeof observed) {
        observed = callback;
      }
      observe() {}
      disconnect() {}
    },
  );
  const probes: { resolve: () => void; reject: () => void }[] = [];
  const fetch = () =>
    new Promise<Response>((resolve, reject) => probes.push({ resolve: () => resolve(new Response()), reject }));
  const events: FrameEvent['type'][] = [];
  const watcher = watchHeadlessFrame({ window: win as unknown as Window, fetch, origin: 'https://stackblitz.com' });
  watcher.onEvent((event) => events.push(event.type));
  return {
    watcher,
    events,
    probes,
    /** The API puts its frame in the page. */
    insertFrame: () => observed!([{ addedNodes: [frame] }]),
    frameLoaded: () => frame.dispatchEvent(new Event('load')),
    init: (origin = 'https://stackblitz.com') =>
      win.dispatchEvent(Object.assign(new Event('message'), { origin, data: { type: 'init' } })),
    frame,
  };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the StackBlitz frame watcher', () => {
  it('says "unreachable" shortly after the frame loaded without init and its URL could not be fetched', async () => {
    const p = page();
    p.insertFrame();
    expect(p.events).toEqual(['requested']);
    p.probes[0]!.reject();
    await vi.advanceTimersByTimeAsync(0);
    p.frameLoaded();
    await vi.advanceTimersByTimeAsync(299);
    expect(p.events).toEqual(['requested']);
    await vi.advanceTimersByTimeAsync(1);
    expect(p.events).toEqual(['requested', 'unreachable']);
  });

  it('does not wait for a busy browser to show the frame’s error page for more than a second', async () => {
    const p = page();
    p.insertFrame();
    p.probes[0]!.reject();
    await vi.advanceTimersByTimeAsync(1000);
    expect(p.events).toEqual(['requested', 'unreachable']);
  });

  it('says "answered" when the frame loaded and its URL answers, then "initialised" on init from StackBlitz only', async () => {
    const p = page();
    p.insertFrame();
    p.probes[0]!.resolve();
    p.frameLoaded();
    await vi.advanceTimersByTimeAsync(0);
    p.init('https://evil.example');
    p.init();
    expect(p.events).toEqual(['requested', 'answered', 'initialised']);
    expect(p.watcher.initialised).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(p.events).toEqual(['requested', 'answered', 'initialised']);
  });

  it('says "answered" as soon as its URL answers, so a frame slow to load is never taken for silence', async () => {
    const p = page();
    p.insertFrame();
    p.probes[0]!.resolve();
    await vi.advanceTimersByTimeAsync(0);
    expect(p.events).toEqual(['requested', 'answered']);
    await vi.advanceTimersByTimeAsync(60_000); // StackBlitz's page still loading: slow, not silent
    p.frameLoaded();
    p.init();
    expect(p.events).toEqual(['requested', 'answered', 'initialised']);
  });

  it('lets a late init win over a failed request', async () => {
    const p = page();
    p.insertFrame();
    p.probes[0]!.reject();
    await vi.advanceTimersByTimeAsync(0);
    p.frameLoaded();
    await vi.advanceTimersByTimeAsync(100);
    p.init();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(p.events).toEqual(['requested', 'initialised']);
  });

  it('says "silent" when nothing answers at all, and retry() loads the frame again with a fresh verdict', async () => {
    const p = page();
    p.insertFrame();
    await vi.advanceTimersByTimeAsync(20_000);
    expect(p.events).toEqual(['requested', 'silent']);
    p.frame.src = 'about:blank#changed-by-nobody';
    p.frame.src = URL_OF_FRAME;
    p.watcher.retry();
    expect(p.events).toEqual(['requested', 'silent', 'requested']);
    expect(p.probes).toHaveLength(2);
    p.probes[0]!.resolve(); // the old attempt's answer counts for nothing now
    p.probes[1]!.reject();
    await vi.advanceTimersByTimeAsync(0);
    p.frameLoaded();
    await vi.advanceTimersByTimeAsync(300);
    expect(p.events).toEqual(['requested', 'silent', 'requested', 'unreachable']);
  });
});
