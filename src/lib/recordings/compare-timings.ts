// The durations a run prints are often what its lesson is about ("one by one ~3.0 s, all at once ~1.0 s";
// "alone ~0.1 s, during the CPU work ~2.0 s"). They differ a little on every run and a lot on a busy machine, so
// they are not compared character by character, but they must not change unnoticed either. Two rules:
//   - each duration stays within a band of its recorded value: at most 10× more or less, or 250 ms apart (wide:
//     CPU-bound demos run several times slower while two test suites share two cores);
//   - where one duration was clearly longer than another (3× and 250 ms more), it still is (by 1.25×): the story
//     the numbers tell survives, whatever the load did to all of them.
// A busy machine slows the measured numbers together, so it passes both; a lesson whose point has gone (the
// concurrent version as slow as the sequential one) fails the second, a delay changed tenfold the first.

/** A duration as printed: "~1.0 s", "1091 ms", "3 秒". */
export const durationPattern = () => /(~?)(\d+(?:\.\d+)?)\s?(ms|s|sec|seconds?|毫秒|秒)(?![\p{L}\p{N}])/gu;

const BAND_FACTOR = 10;
const BAND_SLACK_MS = 250;
const CLEARLY_LONGER = 3;
const CLEARLY_LONGER_MS = 250;
const STILL_LONGER = 1.25;

export interface PrintedDuration {
  text: string;
  ms: number;
}

export function printedDurations(text: string): PrintedDuration[] {
  return [...text.matchAll(durationPattern())].map(([text, , value, unit]) => ({
    text,
    ms: Number(value) * (unit === 'ms' || unit === '毫秒' ? 1 : 1000),
  }));
}

/**
 * What differs between the durations of a recorded output and a fresh one; empty when they tell the same.
 * `band: false` checks the story only (for durations of CPU work).
 */
export function compareDurations(recorded: string, fresh: string, options: { band?: boolean } = {}): string[] {
  const before = printedDurations(recorded);
  const now = printedDurations(fresh);
  if (before.length !== now.length) {
    return [`${before.length} durations were recorded, ${now.length} are printed now`];
  }
  const problems: string[] = [];
  // Durations of fixed CPU work (RecordingSpec.cpuBound) have no band: a busy machine stretches them without
  // bound, and only the story they tell can be held.
  if (options.band !== false)
    before.forEach((was, i) => {
      const is = now[i]!;
      const apart = Math.abs(is.ms - was.ms);
      const factor = Math.max(is.ms, was.ms) / Math.max(Math.min(is.ms, was.ms), 1);
      if (apart > BAND_SLACK_MS && factor > BAND_FACTOR) {
        problems.push(`duration ${i + 1}: recorded "${was.text}", now "${is.text}" (more than ${BAND_FACTOR}× apart)`);
      }
    });
  before.forEach((big, i) => {
    before.forEach((small, j) => {
      if (big.ms < CLEARLY_LONGER * small.ms || big.ms - small.ms < CLEARLY_LONGER_MS) return;
      if (now[i]!.ms >= STILL_LONGER * now[j]!.ms) return;
      problems.push(
        `duration ${i + 1} was clearly longer than duration ${j + 1} ("${big.text}" vs "${small.text}"), ` +
          `now it is not ("${now[i]!.text}" vs "${now[j]!.text}")`,
      );
    });
  });
  return problems;
}
