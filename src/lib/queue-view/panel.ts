// The queue panel's browser side, loaded on demand by QueueView.astro's small loader: on the first run,
// trace event or Replay click. Live runs feed the reducer from the playground's DOM events; Replay feeds it
// the recorded trace with the recorded pacing. Both render through renderQueueView.
import { initialQueueViewState, reduceQueueView, type QueueViewState } from './reducer.ts';
import { createTranslator, readTranslations } from '../i18n/translate.ts';
import { describeQueueView, renderQueueView } from './render.ts';

import { MAX_REPLAY_GAP_MS, tsOf } from './replay-speed.ts';

type Mode = 'recorded' | 'live' | 'live-done' | 'replay';

/** Wires one panel; returns the handler the loader forwards later events to. */
export function attachQueueView(
  panel: HTMLElement,
  playground: HTMLElement | null,
  queued: readonly Event[],
): (event: Event) => void {
  const t = createTranslator(readTranslations(panel));
  const body = panel.querySelector<HTMLElement>('[data-qv-body]')!;
  const status = panel.querySelector<HTMLElement>('[data-qv-status]')!;
  const modeLabel = panel.querySelector<HTMLElement>('[data-qv-mode]');
  const replayButton = panel.querySelector<HTMLButtonElement>('[data-qv-replay]');
  const speed = panel.querySelector<HTMLSelectElement>('[data-qv-speed]');
  const open = new Set<string>();
  let state: QueueViewState = initialQueueViewState();
  let frame = 0;
  let replayTimer: ReturnType<typeof setTimeout> | undefined;
  /** An exercise check runs a test runner, not the example: its runs leave the panel as it was. */
  let checking = false;

  // Keep the jobs the reader opened open across re-renders.
  body.addEventListener(
    'toggle',
    (event) => {
      const key = (event.target as HTMLElement).dataset?.key;
      if (!key) return;
      if ((event.target as HTMLDetailsElement).open) open.add(key);
      else open.delete(key);
    },
    true,
  );

  function setMode(mode: Mode): void {
    panel.dataset.mode = mode;
    if (modeLabel) modeLabel.textContent = t(`queueView.mode-${mode}`);
  }

  function render(): void {
    frame = 0;
    const focusedKey = (document.activeElement?.closest('[data-key]') as HTMLElement | null)?.dataset.key;
    const hadFocus = focusedKey !== undefined && body.contains(document.activeElement);
    // Empty: a live run is still starting (the process boots before it adds a job), or ended without a job.
    const mode = panel.dataset.mode;
    const empty = mode === 'live' ? 'starting' : mode === 'live-done' ? 'none' : 'idle';
    body.innerHTML = renderQueueView(state, t, { open, empty });
    if (hadFocus) body.querySelector<HTMLElement>(`details[data-key="${CSS.escape(focusedKey)}"] > summary`)?.focus();
  }

  function schedule(): void {
    frame ||= requestAnimationFrame(render);
  }

  function finish(): void {
    if (frame) cancelAnimationFrame(frame);
    setMode(panel.dataset.mode === 'live' ? 'live-done' : 'recorded');
    render();
    status.textContent = describeQueueView(state, t);
    panel.dataset.done = 'true';
  }

  function reset(mode: Mode): void {
    clearTimeout(replayTimer);
    replayTimer = undefined;
    state = initialQueueViewState();
    panel.dataset.done = 'false';
    status.textContent = '';
    setMode(mode);
    render();
  }

  function recordedTrace(): unknown[] {
    const script = playground?.querySelector('script[data-recorded-trace]');
    try {
      const trace = JSON.parse(script?.textContent ?? '[]') as unknown;
      return Array.isArray(trace) ? trace : [];
    } catch {
      return [];
    }
  }

  function replay(): void {
    const events = recordedTrace();
    reset('replay');
    if (matchMedia('(prefers-reduced-motion: reduce)').matches) {
      state = events.reduce<QueueViewState>(reduceQueueView, state);
      return finish();
    }
    let index = 0;
    const step = () => {
      const event = events[index++];
      if (event === undefined) return finish();
      state = reduceQueueView(state, event);
      schedule();
      // The recorded pacing, long pauses shortened, slowed down as the reader chose (read at every step, so a
      // change takes effect at once).
      const gap = Math.min(Math.max(tsOf(events[index]) - tsOf(event), 0), MAX_REPLAY_GAP_MS);
      replayTimer = setTimeout(step, gap / (Number(speed?.value) || 1));
    };
    step();
  }

  function handle(event: Event): void {
    switch (event.type) {
      case 'async-lab:run-start':
        checking = (event as CustomEvent<{ purpose?: string } | null>).detail?.purpose === 'check';
        if (!checking) reset('live');
        return;
      case 'async-lab:trace': {
        if (checking) return;
        if (panel.dataset.mode !== 'live') reset('live');
        const detail = (event as CustomEvent<unknown>).detail;
        // The playground sends { event }; a bare trace event is accepted too.
        const trace = detail && typeof detail === 'object' && 'event' in detail ? detail.event : detail;
        state = reduceQueueView(state, trace);
        return schedule();
      }
      case 'async-lab:run-exit':
        if (panel.dataset.mode === 'live') finish();
        return;
      case 'click':
        return replay();
    }
  }

  for (const event of queued) handle(event);
  if (replayButton) replayButton.dataset.ready = 'true';
  return handle;
}
