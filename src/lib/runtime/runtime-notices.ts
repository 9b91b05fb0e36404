// What the runners (and the dev endpoint behind the local runner) tell the reader, as codes with parameters.
// Codes cross boundaries; sentences are made in one place: the page words a notice with `describeNotice()` from
// the dictionaries' `runtime.<code>` keys (src/content/i18n/*.json), in the reader's language. Declare a new
// code here, with the names of its parameters, and give it a sentence in every dictionary (the build fails
// without one; a test checks the sentences use exactly these parameters).
import type { Translate } from '../i18n/translate.ts';

export const RUNTIME_NOTICES = {
  // Boot progress
  starting: [],
  'download-progress': ['received'],
  'download-progress-of': ['received', 'total'],
  unpacking: [],
  'starting-for': ['seconds'],
  ready: [],
  'local-starting': [],
  // Why code cannot run here
  'no-webassembly': [],
  'not-isolated': [],
  ios: [],
  'stackblitz-unreachable': ['host'],
  'stackblitz-silent': ['seconds'],
  'boot-timeout': ['seconds'],
  'boot-failed': ['error'],
  'download-failed': ['url', 'error'],
  'download-http': ['url', 'status'],
  'download-stalled': ['url', 'seconds'],
  'node-too-old': ['version', 'required'],
  'local-only-in-dev': [],
  'local-unreachable': ['error'],
  'local-http': ['status'],
  'local-forbidden': [],
  'local-token-outdated': [],
  'local-busy': ['max'],
  'local-too-large': ['max'],
  'local-bad-request': ['field'],
  'local-unknown-example': ['example'],
  'local-bad-path': ['path'],
  'local-command-refused': ['command', 'allowed'],
  'local-env-refused': ['name', 'allowed'],
  unexpected: ['error'],
  // Why a run ended, when it did not simply exit
  'spawn-failed': ['error'],
  'process-lost': ['error'],
  'container-failed': ['error'],
  'timed-out': ['seconds'],
  'killed-by-signal': ['signal'],
  'local-start-failed': ['error'],
  'local-closed-early': [],
  'local-lost': [],
} as const satisfies Record<string, readonly string[]>;

export type RuntimeCode = keyof typeof RUNTIME_NOTICES;

type ParamsOf<C extends RuntimeCode> = { [P in (typeof RUNTIME_NOTICES)[C][number]]: string | number };

/** Something the reader must be told: a code and its parameters, JSON-safe (it crosses the dev endpoint). */
export type RuntimeNotice = { [C in RuntimeCode]: { code: C; params: ParamsOf<C> } }[RuntimeCode];

/** `notice('boot-timeout', { seconds: 30 })`; codes without parameters need none: `notice('starting')`. */
export function notice<C extends RuntimeCode>(
  code: C,
  ...params: (typeof RUNTIME_NOTICES)[C] extends readonly [] ? [] : [ParamsOf<C>]
): RuntimeNotice {
  return { code, params: params[0] ?? {} } as RuntimeNotice;
}

/** The dictionary key of a code. */
export function noticeKey(code: RuntimeCode): `runtime.${RuntimeCode}` {
  return `runtime.${code}`;
}

/** The reader's sentence for a notice, in the language of `t`'s dictionary. */
export function describeNotice(value: RuntimeNotice, t: Translate): string {
  return t(noticeKey(value.code), value.params);
}

/** True for a value that came over the wire and has the shape of a notice with a known code. */
export function isRuntimeNotice(value: unknown): value is RuntimeNotice {
  if (typeof value !== 'object' || value === null) return false;
  const { code, params } = value as { code?: unknown; params?: unknown };
  return typeof code === 'string' && code in RUNTIME_NOTICES && typeof params === 'object' && params !== null;
}
