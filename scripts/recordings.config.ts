// The example runs whose output the lessons show when code cannot run in the reader's browser.
// `npm run record` runs each one with Node in its package folder and writes src/generated/recordings/.

export interface RecordingSpec {
  /** Package folder under examples/. */
  example: string;
  /** File name of the recording (without .json); lessons refer to it as example + name. */
  name: string;
  /** argv run in the package folder; a leading "node" is the Node running the recorder. */
  command: string[];
  env?: Record<string, string>;
  /** A run that takes longer fails the recording (default 30 s). */
  timeoutMs?: number;
}

const node = (example: string, name: string, file: string, extra: Partial<RecordingSpec> = {}): RecordingSpec => ({
  example,
  name,
  command: ['node', file],
  ...extra,
});

/** `npm run check` on the untouched starter: the verdict a reader sees before solving the exercise. */
const check = (example: string): RecordingSpec => ({
  example,
  name: 'check-starter',
  command: ['node', '../course-tools/src/check-exercise.ts'],
  timeoutMs: 120_000,
});

export const recordings: RecordingSpec[] = [
  node('00-hello-ts', 'main', 'src/main.ts'),

  node('01-async-await', 'main', 'src/main.ts'),
  node('01-async-await', 'sequential-vs-concurrent', 'src/sequential-vs-concurrent.ts'),
  node('01-async-await', 'combinators', 'src/combinators.ts'),
  node('01-async-await', 'errors', 'src/errors.ts'),
  node('01-async-await', 'timeout', 'src/timeout.ts'),
  node('01-async-await', 'event-loop', 'src/event-loop.ts'),
  check('01-async-await'),
];
