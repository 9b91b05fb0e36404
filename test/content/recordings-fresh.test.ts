// The recorded outputs the lessons show are what the code prints today: every configured run is re-run
// (a few at a time) and compared with its committed JSON. Every character of the output but its durations, the
// exit code and the trace must match; the durations must stay within their tolerance and keep telling the same
// story ("~3.0 s one by one, ~1.0 s at once"): src/lib/recordings/compare-timings.ts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConcurrency, mapPool, recordOne } from '../../scripts/lib/record.ts';
import { isCpuBound, recordings } from '../../scripts/recordings.config.ts';
import { comparableView, recordingChanges } from '../../src/lib/recordings/compare-recordings.ts';
import { readRecording, recordingsRoot } from '../../src/lib/recordings/recording.ts';

const fix = 'Run `npm run record` and commit src/generated/recordings/.';

function committedNames(): string[] {
  return readdirSync(recordingsRoot, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((dir) =>
      readdirSync(join(recordingsRoot, dir.name))
        .filter((file) => file.endsWith('.json'))
        .map((file) => `${dir.name}/${file.replace(/\.json$/, '')}`),
    );
}

describe('recorded outputs', () => {
  it('exist for every configured run, and nothing else is committed', () => {
    const configured = recordings.map((spec) => `${spec.example}/${spec.name}`);
    const committed = committedNames();
    expect(
      configured.filter((name) => !committed.includes(name)),
      `configured but not recorded. ${fix}`,
    ).toEqual([]);
    expect(
      committed.filter((name) => !configured.includes(name)),
      'recorded but no longer in scripts/recordings.config.ts: delete them',
    ).toEqual([]);
    expect(new Set(configured).size, 'recording names are unique').toBe(configured.length);
  });

  it('match what the examples print now', { timeout: 600_000 }, async () => {
    const fresh = await mapPool(recordings, defaultConcurrency, recordOne);
    const stale = fresh
      .map((recording) => ({
        recording,
        changes: recordingChanges(readRecording(recording.example, recording.name), recording, {
          cpuBound: isCpuBound(recording.example, recording.name),
        }),
      }))
      .filter(({ changes }) => changes.length > 0);
    for (const { recording, changes } of stale) {
      const label = `${recording.example}/${recording.name}`;
      // One readable diff per stale recording: the text, or else what the durations say now.
      const recorded = readRecording(recording.example, recording.name);
      expect(comparableView(recording), `${label} changed. ${fix}`).toEqual(comparableView(recorded));
      expect(changes, `${label}: its durations tell another story now. ${fix}\n${recording.output}`).toEqual([]);
    }
    expect(stale.map(({ recording }) => `${recording.example}/${recording.name}`)).toEqual([]);
  });
});
