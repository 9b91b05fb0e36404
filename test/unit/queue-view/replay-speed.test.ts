// Replay speed: a short recorded run is slowed down enough to follow; long pauses are shortened first.
import { describe, expect, it } from 'vitest';
import { readRecording } from '../../../src/lib/recordings/recording.ts';
import { replayDuration, REPLAY_SPEEDS, startingSpeed } from '../../../src/lib/queue-view/replay-speed.ts';

const at = (...times: number[]) => times.map((ts) => ({ ts }));

describe('replay speed', () => {
  it('keeps the recorded pacing but shortens each long pause to 400 ms', () => {
    expect(replayDuration(at(0, 100, 150))).toBe(150);
    expect(replayDuration(at(0, 5_000, 5_100))).toBe(500);
    expect(replayDuration([])).toBe(0);
  });

  it('starts a short run slowed down so that it lasts a few seconds, and a long one as recorded', () => {
    expect(startingSpeed(at(0, 300))).toBe(0.1);
    expect(startingSpeed(at(0, 400, 800, 1_200))).toBe(0.25);
    expect(startingSpeed(at(...Array.from({ length: 20 }, (_, i) => i * 400)))).toBe(1);
    expect(REPLAY_SPEEDS).toContain(startingSpeed(at(0, 1)));
  });

  it('slows lesson 6’s recorded run (under a second) down to several seconds', () => {
    const trace = readRecording('06-http-queue', 'demo').trace;
    expect(replayDuration(trace)).toBeLessThan(1_000);
    expect(replayDuration(trace) / startingSpeed(trace)).toBeGreaterThan(2_000);
  });
});
