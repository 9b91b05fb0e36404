// How fast Replay plays a recorded trace. The recorded pacing is kept, except that long pauses (a scheduler's
// interval) are shortened; a run of a few hundred milliseconds would then be over before the eye can follow, so
// each panel starts at the speed that makes its replay last a few seconds, and the reader can change it.

/** Gaps longer than this are shortened in a replay, so a slow scheduler does not keep the reader waiting. */
export const MAX_REPLAY_GAP_MS = 400;

/** The speeds the panel offers (1 = as recorded). */
export const REPLAY_SPEEDS = [1, 0.5, 0.25, 0.1] as const;

/** A replay should last about this long at its starting speed. */
const AIM_MS = 4_000;

/** How long a replay of `trace` takes at speed 1, pauses shortened. */
export function replayDuration(trace: readonly unknown[]): number {
  let total = 0;
  for (let i = 1; i < trace.length; i++) {
    total += Math.min(Math.max(tsOf(trace[i]) - tsOf(trace[i - 1]), 0), MAX_REPLAY_GAP_MS);
  }
  return total;
}

/** The fastest offered speed at which the replay lasts at least a few seconds (the slowest, if none does). */
export function startingSpeed(trace: readonly unknown[]): number {
  const duration = replayDuration(trace);
  return REPLAY_SPEEDS.find((speed) => duration / speed >= AIM_MS) ?? REPLAY_SPEEDS.at(-1)!;
}

/** A trace event's time (ms), 0 when it has none. */
export function tsOf(event: unknown): number {
  const ts = event && typeof event === 'object' ? (event as { ts?: unknown }).ts : undefined;
  return typeof ts === 'number' ? ts : 0;
}
