// Durations in recordings: jitter and a busy machine pass; numbers that tell another story do not.
import { describe, expect, it } from 'vitest';
import { compareDurations, printedDurations } from '../../../src/lib/recordings/compare-timings.ts';

const breakfast = (oneByOne: string, atOnce: string) =>
  `one by one:  coffee, toast, egg — took ~${oneByOne}\nall at once: coffee, toast, egg — took ~${atOnce}\n`;

describe('compareDurations', () => {
  it('reads durations in ms, s and 秒', () => {
    expect(printedDurations('took ~1.5 s, retry in 200 ms, 3 秒, 12ms, 3 msgs').map((d) => d.ms)).toEqual([
      1500, 200, 3000, 12,
    ]);
  });

  it('lets jitter and a slow machine pass', () => {
    expect(compareDurations(breakfast('3.0 s', '1.0 s'), breakfast('3.1 s', '1.0 s'))).toEqual([]);
    expect(compareDurations(breakfast('3.0 s', '1.0 s'), breakfast('4.5 s', '1.8 s'))).toEqual([]);
    expect(compareDurations('took 1091 ms, delay 41 ms', 'took 3200 ms, delay 180 ms')).toEqual([]);
    // Eight hashes on two cores while another test suite runs: everything several times slower.
    expect(
      compareDurations('#1 0.5 s, #8 0.9 s; #1 0.7 s, #8 0.4 s', '#1 1.2 s, #8 2.0 s; #1 2.2 s, #8 2.2 s'),
    ).toEqual([]);
  });

  it('catches the lesson losing its point: the concurrent version as slow as the sequential one', () => {
    expect(compareDurations(breakfast('3.0 s', '1.0 s'), breakfast('3.0 s', '3.0 s'))).toEqual([
      'duration 1 was clearly longer than duration 2 ("~3.0 s" vs "~1.0 s"), now it is not ("~3.0 s" vs "~3.0 s")',
    ]);
    const cpu = (alone: string, during: string) => `alone: took ~${alone}\nduring the CPU work: took ~${during}\n`;
    expect(compareDurations(cpu('0.1 s', '2.0 s'), cpu('0.1 s', '0.1 s'))).toHaveLength(2);
  });

  it('catches a number far from what was recorded', () => {
    expect(compareDurations('retry in 200 ms', 'retry in 3000 ms')).toEqual([
      'duration 1: recorded "200 ms", now "3000 ms" (more than 10× apart)',
    ]);
  });

  it('holds durations of CPU work to their story only: a busy machine may stretch them without bound', () => {
    const cores = (inline: string, sandboxed: string) => `1 process: ${inline}\n2 processes: ${sandboxed}\n`;
    // Recorded idle (3.5 s vs 1.7 s); measured while two suites share two cores: 20.5 s vs 22.7 s.
    expect(compareDurations(cores('3.5 s', '1.7 s'), cores('20.5 s', '22.7 s'))).toHaveLength(1);
    expect(compareDurations(cores('3.5 s', '1.7 s'), cores('20.5 s', '22.7 s'), { band: false })).toEqual([]);
    // The story still counts: what was clearly longer must stay longer.
    const lag = (blocked: string, sliced: string) => `blocked: took ${blocked}\nsliced: took ${sliced}\n`;
    expect(compareDurations(lag('1183 ms', '111 ms'), lag('9000 ms', '9000 ms'), { band: false })).toHaveLength(1);
  });

  it('holds a first request, which times V8 compiling the library, to its story: the outage demo', () => {
    const outage = (first: string, refused: string, last: string) =>
      `POST /reports → 202 (${first})\nPOST /reports → 503 (${refused})\n` +
      `add() with a worker's settings after 2 s: still waiting\nPOST /reports → 202 (${last})\n`;
    // Recorded idle; measured while two suites shared two cores (a CI run): the first add() 11.6× slower.
    expect(compareDurations(outage('29 ms', '1 ms', '3 ms'), outage('336 ms', '1 ms', '3 ms'))).toHaveLength(1);
    expect(
      compareDurations(outage('29 ms', '1 ms', '3 ms'), outage('336 ms', '1 ms', '3 ms'), { band: false }),
    ).toEqual([]);
    // A 503 that no longer comes at once, but after as long as the waiting add() is shown to wait, still fails.
    expect(
      compareDurations(outage('29 ms', '1 ms', '3 ms'), outage('29 ms', '1900 ms', '3 ms'), { band: false }),
    ).toHaveLength(1);
  });

  it('catches durations that appear or disappear', () => {
    expect(compareDurations('took ~1.0 s', 'done')).toEqual(['1 durations were recorded, 0 are printed now']);
  });
});
