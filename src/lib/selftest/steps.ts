// The runtime self-test's fixed list: each step is a command from examples/, issued as the playground issues it
// (the same RunRequest, the queue trace and the checker's verdict read by the playground's own code), and what
// its run must show to pass. Framework-free, so the page and its tests share it.
import { parseCheckOutput } from '../playground/check-results.ts';
import { stripAnsi } from '../playground/ansi.ts';
import { withQueueTrace } from '../queue-view/trace-request.ts';
import type { RunEvent, RunExit, RunRequest } from '../runtime/runner.ts';

export const SELF_TEST_STEPS = [
  'node-version',
  'hello',
  'bullmq',
  'fastify',
  'check',
  'sigterm',
  'stop',
  'utf8',
] as const;
export type SelfTestStepId = (typeof SELF_TEST_STEPS)[number];

/** Why a step failed, as a dictionary key (`selftest.problem.<code>`) and its parameters. */
export type StepProblem =
  | { code: 'exit'; params: { expected: string; actual: string } }
  | { code: 'missing'; params: { expected: string } }
  | { code: 'not-stopped'; params: { reason: string } }
  | { code: 'replacement' }
  | { code: 'checks'; params: { summary: string } }
  | { code: 'no-trace' };

/** What one run produced, as the step sees it. */
export interface StepRun {
  /** The output with colours removed and line ends as "\n". */
  output: string;
  events: RunEvent[];
  exit: RunExit;
}

export interface StepVerdict {
  passed: boolean;
  /** The line of output (or the count) that shows it worked: data, not words, so no translation. */
  evidence?: string;
  problem?: StepProblem;
}

export interface SelfTestStep {
  id: SelfTestStepId;
  request: RunRequest;
  /** Stop the run (as the Stop button does) once its first output has arrived. */
  stopAfterOutput?: boolean;
  verdict(run: StepRun): StepVerdict;
}

/** Files the page reads from examples/ at build time (the Check step writes a solution over the starter). */
export interface SelfTestSources {
  checkExample: string;
  /** Path of the exercise file in the example, and the solution's text to write over it. */
  checkFile: { path: string; solution: string };
  checkCommand: string[];
}

const argv = (command: string) => command.split(' ');
const lineWith = (output: string, text: string) =>
  output
    .split('\n')
    .find((line) => line.includes(text))
    ?.trim();

function exitedWith(run: StepRun, code: number): StepProblem | undefined {
  if (run.exit.reason === 'exited' && run.exit.code === code) return undefined;
  const actual = run.exit.reason === 'exited' ? `${run.exit.code}` : run.exit.reason;
  return { code: 'exit', params: { expected: String(code), actual } };
}

/** Passes when the run exits 0 and its output has `expected`; the evidence is the line that has it. */
function printsAndExits(run: StepRun, expected: string): StepVerdict {
  const problem = exitedWith(run, 0);
  if (problem) return { passed: false, problem, evidence: lastLine(run.output) };
  const line = lineWith(run.output, expected);
  return line
    ? { passed: true, evidence: line }
    : { passed: false, problem: { code: 'missing', params: { expected } } };
}

function lastLine(output: string): string | undefined {
  return output.trimEnd().split('\n').at(-1)?.trim() || undefined;
}

export function selfTestSteps(sources: SelfTestSources): SelfTestStep[] {
  return [
    {
      id: 'node-version',
      request: { example: 'selftest', files: {}, command: argv('node src/node-version.ts') },
      verdict: (run) => printsAndExits(run, 'node v'),
    },
    {
      id: 'hello',
      request: { example: '00-hello-ts', files: {}, command: argv('node src/main.ts') },
      verdict: (run) => printsAndExits(run, 'Hello, Ada!'),
    },
    {
      id: 'bullmq',
      request: withQueueTrace({ example: '05-queue-basics', files: {}, command: argv('node src/add-demo.ts') }),
      verdict: (run) => {
        const verdict = printsAndExits(run, 'add(2, 3) = 5');
        const traces = run.events.filter((event) => event.type === 'trace').length;
        if (verdict.passed && traces === 0) return { passed: false, problem: { code: 'no-trace' } };
        return verdict.passed ? { ...verdict, evidence: `${verdict.evidence} · trace ×${traces}` } : verdict;
      },
    },
    {
      id: 'fastify',
      request: { example: 'selftest', files: {}, command: argv('node src/fastify-request.ts') },
      verdict: (run) => {
        const verdict = printsAndExits(run, 'GET /hello → 200 {"hello":"world"}');
        const ready = run.events.find((event) => event.type === 'server-ready');
        // Seen or not, the preview pane's event is reported, not required: it is a runner feature on top.
        const note = `server-ready ${ready ? ready.port : '—'}`;
        return { ...verdict, evidence: [verdict.evidence, note].filter(Boolean).join(' · ') };
      },
    },
    {
      id: 'check',
      request: {
        example: sources.checkExample,
        files: { [sources.checkFile.path]: sources.checkFile.solution },
        command: sources.checkCommand,
      },
      verdict: (run) => {
        const verdict = parseCheckOutput(run.output, run.exit.code);
        const evidence = `${verdict.checks.filter((check) => check.passed).length}/${verdict.checks.length} ✓`;
        if (verdict.passed) return { passed: true, evidence };
        return { passed: false, evidence, problem: { code: 'checks', params: { summary: verdict.summary || '—' } } };
      },
    },
    {
      id: 'sigterm',
      request: { example: '05-queue-basics', files: {}, command: argv('node src/shutdown-demo.ts') },
      verdict: (run) => {
        const verdict = printsAndExits(run, 'still in the queue for the next worker');
        if (!verdict.passed) return verdict;
        const expected = 'SIGTERM received';
        return lineWith(run.output, expected)
          ? verdict
          : { passed: false, problem: { code: 'missing', params: { expected } } };
      },
    },
    {
      id: 'stop',
      request: { example: 'selftest', files: {}, command: argv('node src/busy-loop.ts') },
      stopAfterOutput: true,
      verdict: (run) =>
        run.exit.reason === 'stopped'
          ? { passed: true, evidence: lineWith(run.output, 'spinning') }
          : { passed: false, problem: { code: 'not-stopped', params: { reason: run.exit.reason } } },
    },
    {
      id: 'utf8',
      request: { example: 'selftest', files: {}, command: argv('node src/split-utf8.ts') },
      // Six Chinese characters and a newline, the second one cut across two writes.
      verdict: (run) => {
        const line = lastLine(run.output) ?? '';
        if (line.includes('\uFFFD')) return { passed: false, evidence: line, problem: { code: 'replacement' } };
        const problem = exitedWith(run, 0);
        if (problem) return { passed: false, evidence: line, problem };
        return /^\p{Script=Han}{2}\P{ASCII}\p{Script=Han}{2}\P{ASCII}$/u.test(line)
          ? { passed: true, evidence: line }
          : { passed: false, evidence: line, problem: { code: 'missing', params: { expected: 'UTF-8' } } };
      },
    },
  ];
}

/** The output as the steps read it: no colours, "\n" line ends (a WebContainer's terminal sends "\r\n"). */
export function plainOutput(events: RunEvent[]): string {
  const text = events.flatMap((event) => (event.type === 'output' ? [event.text] : [])).join('');
  return stripAnsi(text).replace(/\r\n?/g, '\n');
}
