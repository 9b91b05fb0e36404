// Watches the hidden frame @webcontainer/api loads from StackBlitz (https://stackblitz.com/headless), which is
// where the in-browser Node comes from, so that:
// - the reader learns within seconds that StackBlitz cannot be reached: the API itself only waits (its boot()
//   never settles), although the frame's request failed long before any deadline;
// - a later Run tries again at once: the API keeps its first boot waiting on that frame for the page's life
//   (it caches the frame's promise and never calls boot's work twice), so trying again means loading the frame
//   again; the API still listens for the frame's "init" message and its waiting boot then goes on.
// How the API loads the frame (a display:none iframe appended to <body>, src <origin>/headless?…, "init"
// posted from that origin with a MessagePort) is pinned by test/unit/runtime/webcontainer-api-contract.test.ts.
//
// The frame's `load` event fires for an error page as well, and a cross-origin frame cannot be looked into, so
// "unreachable" takes two signals: the frame finished loading without sending "init", and a no-cors request to
// the same URL failed. (StackBlitz must serve that URL with Cross-Origin-Resource-Policy: cross-origin for it to
// load in a cross-origin isolated page at all, so the request only fails when the server cannot be reached, or a
// proxy answers instead.)

export type FrameEvent =
  /** The API has put the frame in the page: StackBlitz is being contacted. */
  | { type: 'requested'; url: string }
  /** StackBlitz answered (a request to the frame's URL succeeded): its runtime is loading and starting. */
  | { type: 'answered' }
  /** The frame said "init": the runtime is up and booting Node. */
  | { type: 'initialised' }
  /** StackBlitz cannot be reached from this browser. */
  | { type: 'unreachable'; host: string }
  /** Neither the frame nor the request got any answer for `seconds` (a network that drops packets). */
  | { type: 'silent'; seconds: number };

export interface FrameWatchOptions {
  /** Where the API loads its frame from: https://stackblitz.com, or WEBCONTAINER_API_IFRAME_URL when set. */
  origin?: string;
  /** After the frame loaded without "init" and the request failed, how long to wait for a late "init". */
  graceMs?: number;
  /** After the request failed while the frame has not finished loading, how long to wait for either. */
  frameGraceMs?: number;
  /** With no answer at all for this long, the attempt counts as failed. */
  silentMs?: number;
  fetch?: typeof fetch;
  window?: Window;
}

interface Attempt {
  loaded: boolean;
  probe: 'pending' | 'ok' | 'failed';
  decided: boolean;
  /** The wait for a late "init" has begun. */
  graceStarted: boolean;
}

function newAttempt(): Attempt {
  return { loaded: false, probe: 'pending', decided: false, graceStarted: false };
}

export interface HeadlessFrame {
  /** Listens to this attempt (and the next ones): every event above, as it happens. */
  onEvent(listener: (event: FrameEvent) => void): () => void;
  /** Loads the frame again (after a failed attempt): a new request, a new verdict. */
  retry(): void;
  /** Whether the runtime has answered "init" (nothing more to watch). */
  readonly initialised: boolean;
}

const DEFAULT_ORIGIN = 'https://stackblitz.com';

/** The origin the API loads its frame from (the rule of its internal/iframe-url.js). */
export function headlessOrigin(
  scope: { WEBCONTAINER_API_IFRAME_URL?: string } = globalThis as { WEBCONTAINER_API_IFRAME_URL?: string },
): string {
  return new URL(scope.WEBCONTAINER_API_IFRAME_URL ?? DEFAULT_ORIGIN).origin;
}

/**
 * Starts watching for the API's frame; call it just before WebContainer.boot(), which inserts the frame.
 * The frame may already be there (a second runner module after HMR): it is found either way.
 */
export function watchHeadlessFrame(options: FrameWatchOptions = {}): HeadlessFrame {
  const win = options.window ?? window;
  const origin = options.origin ?? headlessOrigin(win as unknown as { WEBCONTAINER_API_IFRAME_URL?: string });
  const graceMs = options.graceMs ?? 300;
  const frameGraceMs = options.frameGraceMs ?? 1000;
  const silentMs = options.silentMs ?? 20_000;
  const doFetch = options.fetch ?? ((input, init) => win.fetch(input, init));
  const listeners = new Set<(event: FrameEvent) => void>();
  const emit = (event: FrameEvent) => listeners.forEach((listener) => listener(event));

  let frame: HTMLIFrameElement | undefined;
  let initialised = false;
  /** The current attempt's evidence; a new object per attempt, so late answers of an old one are ignored. */
  let attempt = newAttempt();
  let timers: ReturnType<typeof setTimeout>[] = [];

  const clearTimers = () => {
    timers.forEach(clearTimeout);
    timers = [];
  };

  const decide = (current: Attempt) => {
    if (current !== attempt || current.decided || initialised) return;
    if (current.probe === 'ok') {
      // StackBlitz's server answered: whatever the frame still takes to load is a slow start, not silence.
      current.decided = true;
      clearTimers();
      emit({ type: 'answered' });
    } else if (current.probe === 'failed' && !current.graceStarted) {
      // A late "init" still wins: give it a moment once the frame has loaded, a little longer while it has not
      // (a busy browser can take seconds to show a frame its error page).
      current.graceStarted = true;
      const waitMs = current.loaded ? graceMs : frameGraceMs;
      timers.push(
        setTimeout(() => {
          if (current !== attempt || current.decided || initialised) return;
          current.decided = true;
          clearTimers();
          emit({ type: 'unreachable', host: new URL(origin).host });
        }, waitMs),
      );
    } else if (current.probe === 'failed' && current.loaded && current.graceStarted) {
      // The frame loaded while we waited for it: the shorter grace from now.
      clearTimers();
      current.graceStarted = false;
      decide(current);
    }
  };

  const start = (found: HTMLIFrameElement) => {
    const current = newAttempt();
    attempt = current;
    clearTimers();
    emit({ type: 'requested', url: found.src });
    timers.push(
      setTimeout(() => {
        if (current !== attempt || current.decided || initialised) return;
        current.decided = true;
        emit({ type: 'silent', seconds: Math.round(silentMs / 1000) });
      }, silentMs),
    );
    doFetch(found.src, { mode: 'no-cors', cache: 'no-store', credentials: 'omit' }).then(
      () => {
        current.probe = 'ok';
        decide(current);
      },
      () => {
        current.probe = 'failed';
        decide(current);
      },
    );
  };

  const adopt = (found: HTMLIFrameElement) => {
    frame = found;
    found.addEventListener('load', () => {
      attempt.loaded = true;
      decide(attempt);
    });
    start(found);
  };

  const isHeadless = (node: Node): node is HTMLIFrameElement =>
    node.nodeName === 'IFRAME' && (node as HTMLIFrameElement).src.startsWith(`${origin}/headless`);

  const existing = [...win.document.querySelectorAll('iframe')].find(isHeadless);
  if (existing) adopt(existing);
  else {
    const observer = new MutationObserver((records) => {
      for (const record of records) {
        const added = [...record.addedNodes].find(isHeadless);
        if (added) {
          observer.disconnect();
          adopt(added);
          return;
        }
      }
    });
    observer.observe(win.document.body, { childList: true });
  }

  win.addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== origin || (event.data as { type?: unknown } | null)?.type !== 'init') return;
    if (initialised) return;
    initialised = true;
    clearTimers();
    emit({ type: 'initialised' });
  });

  return {
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    retry() {
      if (!frame || initialised) return;
      // Setting src, even to the same URL, loads the frame again.
      const url = frame.src;
      frame.src = url;
      start(frame);
    },
    get initialised() {
      return initialised;
    },
  };
}
