// The recorded outputs the lessons show are what the code prints today: every configured run is re-run
// (a few at a time) and compared with its committed JSON. Only durations are masked ("took ~1.0 s");
// every other character of the output, the exit code and the trace must match.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConcurrency, mapPool, recordOne } from '../../scripts/lib/record.ts';
import { recordings } from '../../scripts/recordings.config.ts';
import { comparable } from '../../src/lib/recordings/normalise-output.ts';
import { readRecording, recordingsRoot, type Recording } from '../../src/lib/recordings/recording.ts';

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

const view = (recording: Recording) => ({
  command: recording.command,
  exitCode: recording.exitCode,
  ...comparable(recording),
});

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
    const stale = fresh.filter((recording) => {
      const committed = readRecording(recording.example, recording.name);
      return JSON.stringify(view(committed)) !== JSON.stringify(view(recording));
    });
    for (const recording of stale) {
      // One readable diff per stale recording.
      expect(view(recording), `${recording.example}/${recording.name} changed. ${fix}`).toEqual(
        view(readRecording(recording.example, recording.name)),
      );
    }
    expect(stale.map((r) => `${r.example}/${r.name}`)).toEqual([]);
  });
});
