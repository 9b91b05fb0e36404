// What the playground is doing, as one value the view renders: a pure reducer, so every transition is tested
// without a browser. The runner has its own lifecycle (runner.ts); this is the reader's view of one playground.
import type { ExitReason, RunExit, RunnerOverride } from '../runtime/runner.ts';
import { en, type PlaygroundMessages } from './messages.ts';

export type RunPurpose = 'run' | 'check';

export type PlaygroundState =
  /** Nothing ran yet on this page: the recorded output is shown. */
  | { phase: 'recorded' }
  /** The runtime is starting; `message` is its progress sentence. */
  | { phase: 'booting'; purpose: RunPurpose; message: string; fraction?: number }
  | { phase: 'running'; purpose: RunPurpose; runId: number; startedAt: number }
  | { phase: 'stopping'; purpose: RunPurpose; runId: number; startedAt: number }
  | { phase: 'exited'; purpose: RunPurpose; exit: RunExit }
  /**
   * The code cannot run here; `message` says why, and the recorded output stays visible. With `override`, the
   * reader may ask to run anyway (e.g. on iOS); `purpose` is what to run then.
   */
  | { phase: 'unavailable'; message: string; purpose?: RunPurpose; override?: RunnerOverride };

export type PlaygroundAction =
  | { type: 'boot'; purpose: RunPurpose; message: string; fraction?: number }
  | { type: 'started'; purpose: RunPurpose; runId: number; at: number }
  | { type: 'stop-requested'; runId: number }
  | { type: 'exited'; runId: number; exit: RunExit }
  | { type: 'unavailable'; message: string; purpose?: RunPurpose; override?: RunnerOverride };

export const initialState: PlaygroundState = { phase: 'recorded' };

export function reduce(state: PlaygroundState, action: PlaygroundAction): PlaygroundState {
  switch (action.type) {
    case 'boot':
      return { phase: 'booting', purpose: action.purpose, message: action.message, fraction: action.fraction };
    case 'started':
      return { phase: 'running', purpose: action.purpose, runId: action.runId, startedAt: action.at };
    case 'stop-requested':
      if (state.phase !== 'running' || state.runId !== action.runId) return state;
      return { ...state, phase: 'stopping' };
    case 'exited':
      // The exit of a run that was replaced by a newer one must not overwrite the newer run's state.
      if ((state.phase !== 'running' && state.phase !== 'stopping') || state.runId !== action.runId) return state;
      return { phase: 'exited', purpose: state.purpose, exit: action.exit };
    case 'unavailable': {
      const { message, purpose, override } = action;
      return { phase: 'unavailable', message, ...(override ? { purpose, override } : {}) };
    }
  }
}

export function isBusy(state: PlaygroundState): boolean {
  return state.phase === 'booting' || state.phase === 'running' || state.phase === 'stopping';
}

/** One line for the status bar, e.g. "exit code 1 · 0.42 s" or "stopped · 3.10 s". */
export function describeExit(exit: RunExit, messages: PlaygroundMessages = en): string {
  const reasons: Record<ExitReason, string> = {
    exited: messages.exitCode,
    stopped: messages.stopped,
    timeout: messages.timedOut,
    crashed: messages.crashed,
  };
  const duration = `${(exit.durationMs / 1000).toFixed(2)} s`;
  if (exit.reason === 'exited') return `${messages.exitCode} ${exit.code ?? '—'} · ${duration}`;
  const code = exit.code === null ? '' : ` (${messages.exitCode} ${exit.code})`;
  return `${reasons[exit.reason]}${code} · ${duration}`;
}
