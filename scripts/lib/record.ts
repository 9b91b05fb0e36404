// Records example runs (scripts/recordings.config.ts) into JSON files, a few at a time.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { recordingChanges } from '../../src/lib/recordings/compare-recordings.ts';
import { normaliseOutput, normaliseTrace } from '../../src/lib/recordings/normalise-output.ts';
import { recordingPath, serialiseRecording, type Recording } from '../../src/lib/recordings/recording.ts';
import { splitTrace } from '../../src/lib/recordings/split-trace.ts';
import { isCpuBound, type RecordingSpec } from '../recordings.config.ts';
import { runExample } from './run-example.ts';
import { startRealRedis } from '../../examples/tools/redis-server.ts';
import { newTestPrefix, removeTestKeys, TEST_PREFIX_ENV } from '../../examples/course-tools/testing/queue-isolation.ts';
import { withIsolationPreload } from '../../examples/course-tools/testing/queue-test-kit.ts';

export const repoRoot = resolve(import.meta.dirname, '../..');
const examplesRoot = resolve(repoRoot, 'examples');

const normalising = { repoRoot, nodeVersion: process.version };

/** A traced recording is traced as the site's runs are: by the environment (see withQueueTrace). */
function traceEnv(spec: RecordingSpec): Record<string, string> | undefined {
  return spec.trace ? { ...spec.env, ASYNC_LAB_TRACE: '1' } : spec.env;
}

function isolationEnv(testPrefix: string | undefined): Record<string, string> {
  if (!testPrefix) return {};
  return { [TEST_PREFIX_ENV]: testPrefix, NODE_OPTIONS: withIsolationPreload(process.env.NODE_OPTIONS) };
}

export async function recordOne(spec: RecordingSpec): Promise<Recording> {
  const cwd = resolve(examplesRoot, spec.example);
  if (!existsSync(cwd)) throw new Error(`${spec.example}/${spec.name}: examples/${spec.example} does not exist.`);
  const timeoutMs = spec.timeoutMs ?? 30_000;
  // A throwaway redis-server of our own; a shared one (REDIS_URL, only without redis-server) gets the run's keys
  // under a prefix of their own, removed afterwards, so what else it holds changes nothing.
  const redis = spec.realRedis ? await startRealRedis({ preferOwnServer: true }) : undefined;
  const isolation = redis && !redis.owned ? newTestPrefix() : undefined;
  const env = redis ? { ...traceEnv(spec), REDIS_URL: redis.url, ...isolationEnv(isolation) } : traceEnv(spec);
  const run = await runExample(cwd, spec.command, { env, timeoutMs }).finally(async () => {
    if (redis && isolation) await removeTestKeys(redis.url, isolation);
    await redis?.stop();
  });
  if (run.timedOut) {
    throw new Error(
      `${spec.example}/${spec.name}: \`${spec.command.join(' ')}\` still ran after ${timeoutMs} ms and was killed. ` +
        `A recorded script must end by itself; raise timeoutMs if it is just slow. Its output:\n${run.raw}`,
    );
  }
  const { output, trace } = splitTrace(run.raw);
  return {
    example: spec.example,
    name: spec.name,
    command: spec.command,
    output: normaliseOutput(output, normalising),
    exitCode: run.exitCode,
    trace: normaliseTrace(trace, normalising),
  };
}

/**
 * Same recording as far as a lesson can tell: durations within their tolerance (compare-recordings.ts), so a re-run
 * that only jitters is not a change, and one whose numbers tell another story is.
 */
export function equivalent(recorded: Recording, fresh: Recording): boolean {
  return recordingChanges(recorded, fresh, { cpuBound: isCpuBound(fresh.example, fresh.name) }).length === 0;
}

/** Runs `task` over `items`, at most `limit` at a time, keeping the results in order. */
export async function mapPool<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]!);
    }
  });
  await Promise.all(workers);
  return results;
}

/** Most examples wait on timers, not the CPU, so a few more runs than cores keep the total short. */
export const defaultConcurrency = Math.max(2, availableParallelism() * 2);

export interface WriteSummary {
  written: string[];
  unchanged: string[];
}

/**
 * Writes recordings under `root`. An existing file that is equivalent is left as it is (no timing churn), unless
 * `exactTimings`: then any other printed duration is written too (after changing a delay in an example).
 */
export function writeRecordings(recordings: Recording[], root: string, exactTimings = false): WriteSummary {
  const summary: WriteSummary = { written: [], unchanged: [] };
  for (const recording of recordings) {
    const path = recordingPath(recording.example, recording.name, root);
    const label = `${recording.example}/${recording.name}`;
    if (existsSync(path)) {
      const existing = JSON.parse(readFileSync(path, 'utf8')) as Recording;
      const same = exactTimings
        ? existing.output === recording.output && equivalent(existing, recording)
        : equivalent(existing, recording);
      if (same) {
        summary.unchanged.push(label);
        continue;
      }
    }
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, serialiseRecording(recording));
    summary.written.push(label);
  }
  return summary;
}
