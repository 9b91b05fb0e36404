// The self-test's report, as a person pastes it into an issue: each step's evidence and why it failed, including
// the runner's own notice when a run did not simply exit (here: an example refused on a Node too old for it).
import { describe, expect, it } from 'vitest';
import { formatReport, stepDetails } from '../../../src/lib/selftest/report.ts';
import type { SelfTestResult, StepResult } from '../../../src/lib/selftest/run-selftest.ts';
import { notice } from '../../../src/lib/runtime/runtime-notices.ts';
import { translator } from '../../support/translations.ts';

const refused: StepResult = {
  id: 'fastify',
  passed: false,
  problem: { code: 'exit', params: { expected: '0', actual: 'crashed' } },
  exit: {
    code: null,
    reason: 'crashed',
    durationMs: 3,
    notice: notice('node-too-old', { version: 'v18.20.8', required: '20.0.0' }),
  },
  ms: 3,
};
const passed: StepResult = {
  id: 'hello',
  passed: true,
  evidence: 'Hello, Ada!',
  exit: { code: 0, reason: 'exited', durationMs: 120 },
  firstOutputMs: 110,
  ms: 120,
};

describe('the self-test report', () => {
  it('says why a step failed, with the runner’s notice in the reader’s language', () => {
    expect(stepDetails(refused, translator('en'))).toBe(
      "exited with crashed, expected 0 — This lesson's code needs Node.js 20.0.0 or newer (its libraries say so), and the Node.js in your browser is v18.20.8. The output below was recorded earlier; to run the code yourself, download the example and run it with Node.js 22.12 or newer on your own machine.",
    );
    expect(stepDetails(refused, translator('zh'))).toMatch(/需要 Node\.js 20\.0\.0 或更新的版本.*v18\.20\.8/);
    expect(stepDetails(passed, translator('en'))).toBe('Hello, Ada!');
  });

  it('lists every step with its verdict and timings, and the summary', () => {
    const result: SelfTestResult = {
      boot: { ok: true, ms: 900, progress: [{ code: 'starting', atMs: 0 }] },
      steps: [passed, refused],
      ms: 1500,
    };
    const context = {
      url: 'https://lab.example/en/selftest/',
      userAgent: 'Chrome',
      runner: 'webcontainer' as const,
      crossOriginIsolated: true,
      date: new Date('2026-12-03T12:00:00Z'),
    };
    const lines = formatReport(result, context, translator('en'), 2).split('\n');
    expect(lines.filter((line) => /^\d\. /.test(line))).toEqual([
      '1. ✓ PASS hello · Hello (00-hello-ts) · First output 110 ms, Time 120 ms · Hello, Ada!',
      expect.stringMatching(
        /^2\. ✗ FAIL fastify · A Fastify request on a port · First output —, Time 3 ms · exited with crashed, expected 0 — This lesson's code needs Node\.js 20\.0\.0/,
      ),
    ]);
    expect(lines.at(-1)).toBe('1 of 2 steps passed in 1.5 s.');
  });
});
