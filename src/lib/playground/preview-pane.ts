// The playground's preview pane (a Playground with `preview="/path"`): when the run's HTTP server listens (the
// runner's `server-ready`), its page shows in a frame, so an example with a web page (a form, a progress bar fed
// by EventSource) is usable inside the lesson. The frame comes and goes with the server: a new Run empties it, the
// end of the run replaces it with a line saying so. The pane's markup is in Playground.astro (static until then).
import type { Translate } from '../i18n/translate.ts';

export interface PreviewPane {
  runStarted(): void;
  serverReady(port: number, url: string): void;
  runEnded(): void;
}

/** The page at `path` on the server whose base URL the runner gave (a WebContainer origin, or the dev proxy). */
export function previewAddress(url: string, path: string): string {
  const base = url.endsWith('/') ? url : `${url}/`;
  return new URL(path.replace(/^\//, ''), base).href;
}

export function createPreviewPane(pane: HTMLElement, path: string, t: Translate): PreviewPane {
  const message = pane.querySelector<HTMLElement>('[data-preview-message]')!;
  const address = pane.querySelector<HTMLElement>('[data-preview-address]')!;
  const open = pane.querySelector<HTMLAnchorElement>('[data-preview-open]')!;
  const reload = pane.querySelector<HTMLButtonElement>('[data-preview-reload]')!;
  let frame: HTMLIFrameElement | undefined;

  reload.addEventListener('click', () => {
    if (frame) frame.src = frame.src;
  });

  const say = (text: string) => {
    message.textContent = text;
    message.hidden = false;
  };
  const clear = () => {
    frame?.remove();
    frame = undefined;
    open.hidden = true;
    reload.disabled = true;
    pane.dataset.preview = 'empty';
  };

  return {
    runStarted() {
      clear();
      say(t('playground.preview-waiting'));
    },
    serverReady(port, url) {
      if (frame) return; // the first server the run starts is the one shown
      const href = previewAddress(url, path);
      address.textContent = `localhost:${port}${path}`;
      frame = document.createElement('iframe');
      frame.title = t('playground.preview-frame', { address: `localhost:${port}${path}` });
      // Scripts, forms and its own storage, but it may not navigate the lesson away.
      frame.setAttribute('sandbox', 'allow-scripts allow-forms allow-same-origin allow-modals allow-popups');
      frame.src = href;
      pane.append(frame);
      open.href = href;
      open.hidden = false;
      reload.disabled = false;
      message.hidden = true;
      pane.dataset.preview = 'showing';
    },
    runEnded() {
      const wasShowing = frame !== undefined;
      clear();
      say(t(wasShowing ? 'playground.preview-stopped' : 'playground.preview-none'));
    },
  };
}
