// What Playground.astro hands to the browser code (as JSON in the page), and the names of the DOM events
// other panels (the queue visualiser) listen to on the playground's root element.

export interface PlaygroundFile {
  /** Path relative to the example package, e.g. "src/main.ts". */
  path: string;
  /** The file as it is in examples/ (what Reset goes back to). */
  code: string;
  /** The reference solution (exercise files only). */
  solution?: string;
}

export interface PlaygroundConfig {
  /** The lesson page (pathname): edits are kept per lesson and file. */
  lesson: string;
  example: string;
  files: PlaygroundFile[];
  /** argv for Run, e.g. ["node", "src/main.ts"]; absent when the playground only checks an exercise. */
  command?: string[];
  /** argv for Check, run in the example package with the edited files. */
  checkCommand?: string[];
  timeoutMs?: number;
  /** Base URL of the site's static assets (types bundles). */
  base: string;
  /** The "Run it on your machine" page in the page's language, offered when the code cannot run here. */
  runLocally?: string;
  /** Path of the page the run's server shows in the preview pane, e.g. "/" (Playground's `preview`). */
  preview?: string;
}

/** What Check runs when an exercise names no checker of its own (the playground and the self-test page). */
export const DEFAULT_CHECK_COMMAND = 'node ../course-tools/src/check-exercise.ts';

/** Dispatched on the playground root when a run starts; detail: RunStartDetail. */
export const runStartEvent = 'async-lab:run-start';
/** Dispatched on the playground root for each trace event of the running program; detail: { event }. */
export const traceEvent = 'async-lab:trace';
/** Dispatched on the playground root when a run ends; detail: { exit: RunExit }. */
export const runExitEvent = 'async-lab:run-exit';

export interface RunStartDetail {
  purpose: 'run' | 'check';
  example: string;
  command: string[];
}

/**
 * Who counts as a phone: no Monaco there, only the code and the recorded output. A narrow screen, or a touch
 * screen that is short (a phone held sideways); tablets get the full playground. Keep in step with the
 * @media rule in Playground.astro.
 */
export const phoneQuery = '(max-width: 50rem), (max-height: 30rem) and (pointer: coarse)';
