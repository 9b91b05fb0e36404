// When the editor loads if the reader's first click was Run or Check: once the runtime has answered.
// The editor's code (Monaco, about 0.9 MB gzip) is evaluated in one long task on the page's only thread. Asked for
// on the same click as the run, it held up the runner's own small steps (loading the WebContainer API, watching
// StackBlitz's frame, saying it cannot be reached) by 2–3 s on a busy machine, so "StackBlitz cannot be reached"
// came late. The run goes first; the editor follows as soon as the runtime has answered in any way: the run has
// started, ended or been refused, or the boot reports progress past its first step (from then on the wait is the
// network's, not the page's). It never waits longer than `maxWaitMs`, and a reader who asks for the editor
// meanwhile (Edit, a click in the code) gets it at once (playground-app.ts).
import type { PlaygroundController } from './controller.ts';
import type { PlaygroundState } from './run-state.ts';

/** The longest the editor waits for the runtime's answer (a silent network, a slow start). */
export const EDITOR_WAIT_MAX_MS = 5_000;

/** True unless a runtime is still starting and has said nothing beyond "starting". */
export function runtimeHasAnswered(state: PlaygroundState): boolean {
  return state.phase !== 'booting' || state.notice.code !== 'starting';
}

/** Resolves once the runtime has answered (at once when nothing is starting), or after `maxWaitMs`. */
export function afterRuntimeAnswers(
  controller: Pick<PlaygroundController, 'state' | 'subscribe'>,
  maxWaitMs = EDITOR_WAIT_MAX_MS,
): Promise<void> {
  if (runtimeHasAnswered(controller.state)) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      resolve();
    };
    const timer = setTimeout(done, maxWaitMs);
    const unsubscribe = controller.subscribe({ state: (state) => runtimeHasAnswered(state) && done() });
  });
}
