// Whether a fresh run still matches its recording: the same text and exit code (durations masked), the same
// trace job by job (normalise-output.ts's comparable), and durations that tell the same (compare-timings.ts).
// The freshness test and `npm run record` both decide with this.
import { compareDurations } from './compare-timings.ts';
import { comparable } from './normalise-output.ts';
import type { Recording } from './recording.ts';

export const comparableView = (recording: Recording) => ({
  command: recording.command,
  exitCode: recording.exitCode,
  ...comparable(recording),
});

/** What changed, in words; empty when the fresh run matches the recording. */
export function recordingChanges(
  recorded: Recording,
  fresh: Recording,
  options: { cpuBound?: boolean } = {},
): string[] {
  const changes: string[] = [];
  if (JSON.stringify(comparableView(recorded)) !== JSON.stringify(comparableView(fresh))) {
    changes.push('the output (apart from durations), the exit code or the trace changed');
  }
  return [...changes, ...compareDurations(recorded.output, fresh.output, { band: !options.cpuBound })];
}
