// What the playground is doing, as one value the view renders: a pure reducer, so every transition is tested
// without a browser. Runners have no state of their own (runner.ts); this is the reader's view of one playground.
import type { ExitReason, RunExit, RunnerOverride } from '../runtime/runner.ts';
import type { RuntimeNotice } from '../runtime/runtime-notices.ts';
import type { Translate } from '../i18n/translate.ts';

export type RunPurpose = 'run' | 'check';

export type PlaygroundState =
  /** Nothing ran yet on this page: the recorded output is shown. */
  | { phase: 'recorded' }
  /** The runtime is starting; `notice` is its progress. */
  | { phase: 'booting'; purpose: RunPurpose; notice: RuntimeNotice; fraction?: number }
  | { phase: 'running'; purpose: RunPurpose; startedAt: number }
  | { phase: 'stopping'; purpose: RunPurpose; startedAt?: number }
  | { phase: 'exited'; purpose: RunPurpose; exit: RunExit }
  /**
   * The code cannot run here; `notice` says why, and the recorded output stays visible. With `override`, the
   * reader may ask to run anyway (e.g. on iOS); `purpose` is what to run then.
   */
  | { phase: 'unavailable'; notice: RuntimeNotice; purpose?: RunPurpose; override?: RunnerOverride };

export type PlaygroundAction =
  | { type: 'boot'; purpose: RunPurpose; notice: RuntimeNotice; fraction?: number }
  | { type: 'started'; purpose: RunPurpose; at: number }
  | { type: 'stop-requested' }
  | { type: 'exited'; exit: RunExit }
  | { type: 'unavailable'; notice: RuntimeNotice; purpose?: RunPurpose; override?: RunnerOverride };

export const initialState: PlaygroundState = { phase: 'recorded' };

export function reduce(state: PlaygroundState, action: PlaygroundAction): PlaygroundState {
  switch (action.type) {
    case 'boot':
      return { phase: 'booting', purpose: action.purpose, notice: action.notice, fraction: action.fraction };
    case 'started':
      return { phase: 'running', purpose: action.purpose, startedAt: action.at };
    case 'stop-requested':
      if (state.phase === 'running') return { ...state, phase: 'stopping' };
      if (state.phase === 'booting') return { phase: 'stopping', purpose: state.purpose };
      return state;
    case 'exited':
      // Runs end one at a time (the controller waits for each exit), so an exit always belongs to the run shown.
      if (state.phase !== 'running' && state.phase !== 'stopping' && state.phase !== 'booting') return state;
      return { phase: 'exited', purpose: state.purpose, exit: action.exit };
    case 'unavailable': {
      const { notice, purpose, override } = action;
      return { phase: 'unavailable', notice, ...(override ? { purpose, override } : {}) };
    }
  }
}

export function isBusy(state: PlaygroundState): boolean {
  return state.phase === 'booting' || state.phase === 'running' || state.phase === 'stopping';
}

/** One line for the status bar, e.g. "exit code 1 · 0.42 s" or "stopped · 3.10 s", in the words of `t`. */
export function describeExit(exit: RunExit, t: Translate): string {
  const duration = t('playground.seconds', { seconds: (exit.durationMs / 1000).toFixed(2) });
  const code = t('playground.exit-code', { code: exit.code ?? '—' });
  if (exit.reason === 'exited') return `${code} · ${duration}`;
  const reason: Record<Exclude<ExitReason, 'exited'>, string> = {
    stopped: t('playground.stopped'),
    timeout: t('playground.timed-out'),
    crashed: t('playground.crashed'),
  };
  const why =
    exit.code === null ? reason[exit.reason] : t('playground.exit-with-code', { reason: reason[exit.reason], code });
  return `${why} · ${duration}`;
}
