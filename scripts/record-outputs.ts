// `npm run record`: runs every example listed in scripts/recordings.config.ts and stores its output.
// Options: --only <example>[/<name>] (repeatable), --out <dir> (default src/generated/recordings),
// --exact-timings (also rewrite files whose durations moved within their tolerance, e.g. after changing a delay).
import { parseArgs } from 'node:util';
import { recordingsRoot } from '../src/lib/recordings/recording.ts';
import { recordings } from './recordings.config.ts';
import { defaultConcurrency, mapPool, recordOne, writeRecordings } from './lib/record.ts';

const { values } = parseArgs({
  options: {
    only: { type: 'string', multiple: true },
    out: { type: 'string' },
    concurrency: { type: 'string' },
    'exact-timings': { type: 'boolean' },
  },
});

const only = values.only ?? [];
const selected = recordings.filter(
  (spec) => only.length === 0 || only.some((o) => o === spec.example || o === `${spec.example}/${spec.name}`),
);
if (selected.length === 0) {
  console.error(`No recording matches ${only.join(', ')}. See scripts/recordings.config.ts.`);
  process.exit(1);
}

const concurrency = Number(values.concurrency ?? defaultConcurrency);
const started = performance.now();
const failures: string[] = [];
const results = await mapPool(selected, concurrency, async (spec) => {
  try {
    const recording = await recordOne(spec);
    console.log(`recorded ${spec.example}/${spec.name} (exit ${recording.exitCode})`);
    return recording;
  } catch (error) {
    failures.push((error as Error).message);
    return undefined;
  }
});

const summary = writeRecordings(
  results.filter((r) => r !== undefined),
  values.out ?? recordingsRoot,
  values['exact-timings'] ?? false,
);
for (const name of summary.written) console.log(`changed: ${name}`);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(
  `${summary.written.length} written, ${summary.unchanged.length} unchanged (durations within their tolerance), in ${seconds} s.`,
);
if (failures.length > 0) {
  console.error(`\n${failures.length} recording(s) failed:\n\n${failures.join('\n\n')}`);
  process.exit(1);
}
