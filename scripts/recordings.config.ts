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
  /** Run against a throwaway real redis-server (REDIS_URL set), for demos that span processes. */
  realRedis?: boolean;
  /** Record the queue trace too (ASYNC_LAB_TRACE=1, as the site's traced runs). */
  trace?: boolean;
  /**
   * Its durations time fixed CPU work (counting primes, hashing; or a process's first call into a library, which
   * V8 compiles then), so a busy machine stretches them without bound: a fresh run is held to the story they
   * tell (compare-timings.ts), not to a band around each one.
   */
  cpuBound?: boolean;
}

const node = (example: string, name: string, file: string, extra: Partial<RecordingSpec> = {}): RecordingSpec => ({
  example,
  name,
  command: ['node', file],
  ...extra,
});

/**
 * `npm run check` on the untouched starter: the verdict a reader sees before solving the exercise, in each
 * language the checker speaks (`-zh` is what Chinese pages show; see Playground.astro). A package's further
 * exercise is named (`check-starter-<exercise>`, checked by exercise/<exercise>.check.test.ts).
 */
const checks = (example: string, exercise?: string): RecordingSpec[] => {
  const name = exercise ? `check-starter-${exercise}` : 'check-starter';
  const command = ['node', '../course-tools/src/check-exercise.ts', ...(exercise ? [exercise] : [])];
  return [
    { example, name, command, env: { ASYNC_LAB_LANG: 'en' }, timeoutMs: 120_000 },
    { example, name: `${name}-zh`, command: [...command, '--lang', 'zh'], timeoutMs: 120_000 },
  ];
};

export const recordings: RecordingSpec[] = [
  node('00-hello-ts', 'main', 'src/main.ts'),

  node('01-async-await', 'main', 'src/main.ts'),
  node('01-async-await', 'sequential-vs-concurrent', 'src/sequential-vs-concurrent.ts'),
  node('01-async-await', 'combinators', 'src/combinators.ts'),
  node('01-async-await', 'errors', 'src/errors.ts'),
  node('01-async-await', 'timeout', 'src/timeout.ts'),
  node('01-async-await', 'event-loop', 'src/event-loop.ts'),
  ...checks('01-async-await'),

  node('02-async-http', 'concurrent-requests', 'src/concurrent-requests.ts'),
  node('02-async-http', 'cpu-stall', 'src/cpu-stall.ts'),
  node('02-async-http', 'bad-input', 'src/bad-input.ts'),
  node('02-async-http', 'event-loop-order', 'src/event-loop-order.ts'),
  node('02-async-http', 'thread-pool', 'src/thread-pool.ts', { timeoutMs: 60_000, cpuBound: true }),
  node('02-async-http', 'loop-lag', 'src/loop-lag.ts', { timeoutMs: 60_000, cpuBound: true }),
  ...checks('02-async-http'),

  node('03-background-tasks', 'demo', 'src/demo.ts'),
  node('03-background-tasks', 'crash-demo', 'src/crash-demo.ts'),
  ...checks('03-background-tasks'),

  node('04-scheduling', 'lifecycle', 'src/in-process/lifecycle-demo.ts'),
  node('04-scheduling', 'no-overlap', 'src/in-process/no-overlap.ts'),
  node('04-scheduling', 'two-croners', 'src/in-process/two-croners.ts'),
  node('04-scheduling', 'two-workers', 'src/distributed/two-workers.ts', { trace: true }),
  ...checks('04-scheduling'),
  ...checks('04-scheduling', 'reminders'),

  node('06-http-queue', 'demo', 'src/demo.ts', { trace: true }),
  node('06-http-queue', 'two-processes', 'src/two-processes-demo.ts', { realRedis: true }),
  ...checks('06-http-queue'),

  node('07-task-status', 'demo', 'src/demo.ts', { trace: true }),
  node('07-task-status', 'reconnect', 'src/reconnect-demo.ts', { trace: true }),
  ...checks('07-task-status'),
  ...checks('07-task-status', 'progress-client'),

  node('08-capstone', 'demo', 'src/demo.ts', { trace: true, timeoutMs: 60_000 }),
  ...checks('08-capstone'),
  ...checks('08-capstone', 'order-flow'),

  node('09-production', 'share', 'src/demos/share-work.ts', { realRedis: true, timeoutMs: 60_000 }),
  node('09-production', 'crash', 'src/demos/crash-recovery.ts', { realRedis: true, timeoutMs: 60_000 }),
  node('09-production', 'poison', 'src/demos/poison-job.ts', { realRedis: true, timeoutMs: 60_000 }),
  node('09-production', 'shutdown', 'src/demos/graceful-shutdown.ts', { timeoutMs: 60_000 }),
  node('09-production', 'rate-limit', 'src/demos/rate-limit.ts', { trace: true, timeoutMs: 60_000 }),
  node('09-production', 'idempotency', 'src/demos/idempotency.ts', { trace: true, timeoutMs: 60_000 }),
  // Its first POST times the queue's first add() (29 ms idle, 336 ms with two suites on two cores). The story
  // held instead: every POST answers well within the 2 s the waiting add() is shown to wait.
  node('09-production', 'redis-down', 'src/demos/redis-down.ts', { timeoutMs: 60_000, cpuBound: true }),
  node('09-production', 'redis-down-real', 'src/demos/redis-down.ts', {
    realRedis: true,
    timeoutMs: 60_000,
    cpuBound: true,
  }),
  node('09-production', 'cpu-cores', 'src/demos/cpu-cores.ts', { timeoutMs: 90_000, cpuBound: true }),
  node('09-production', 'observability', 'src/demos/observability.ts', { trace: true, timeoutMs: 60_000 }),
  ...checks('09-production'),
  ...checks('09-production', 'rate-limit'),

  ...checks('10-challenge'),

  node('05-queue-basics', 'add-demo', 'src/add-demo.ts', { trace: true }),
  node('05-queue-basics', 'concurrency', 'src/concurrency-demo.ts', { trace: true }),
  node('05-queue-basics', 'retries', 'src/retries-demo.ts', { trace: true }),
  node('05-queue-basics', 'failures', 'src/failures-demo.ts', { trace: true }),
  node('05-queue-basics', 'delay', 'src/delay-demo.ts', { trace: true }),
  node('05-queue-basics', 'priority', 'src/priority-demo.ts', { trace: true }),
  node('05-queue-basics', 'dedup', 'src/dedup-demo.ts', { trace: true }),
  node('05-queue-basics', 'job-ids', 'src/job-ids-demo.ts', { trace: true }),
  node('05-queue-basics', 'shutdown', 'src/shutdown-demo.ts', { trace: true }),
  ...checks('05-queue-basics'),
];

/** Whether a recording's durations time CPU work (see RecordingSpec.cpuBound). */
export function isCpuBound(example: string, name: string): boolean {
  return recordings.some((spec) => spec.example === example && spec.name === name && spec.cpuBound === true);
}
