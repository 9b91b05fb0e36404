// The self-test's steps through the Runner interface with the real local runner (endpoint on loopback, this
// machine's Node): the fixed list passes here, and each verdict fails when its run shows the wrong thing.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalRunnerEndpoint } from '../../../src/integrations/local-runner/endpoint.ts';
import { LOCAL_RUNNER_ENDPOINT } from '../../../src/lib/runtime/local-runner-protocol.ts';
import { LocalRunner } from '../../../src/lib/runtime/local-runner.ts';
import { runSelfTest } from '../../../src/lib/selftest/run-selftest.ts';
import { selfTestSteps, SELF_TEST_STEPS, type SelfTestStep } from '../../../src/lib/selftest/steps.ts';

const repo = resolve(import.meta.dirname, '../../..');
const token = 'selftest-token-0123456789';
let server: Server;
let baseUrl: string;
let sessionDir: string;

beforeAll(async () => {
  sessionDir = mkdtempSync(join(tmpdir(), 'async-lab-selftest-test-'));
  const endpoint = createLocalRunnerEndpoint({
    endpoint: LOCAL_RUNNER_ENDPOINT,
    token,
    examplesDir: join(repo, 'examples'),
    nodeModulesDir: join(repo, 'node_modules'),
    sessionDir,
  });
  server = createServer((req, res) => endpoint.handle(req, res, () => res.end()));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((done) => server?.close(done));
  rmSync(sessionDir, { recursive: true, force: true });
});

const runner = () => new LocalRunner({ config: { endpoint: LOCAL_RUNNER_ENDPOINT, token }, baseUrl });
const exercise = 'exercise/starter/load-dashboard.ts';
const steps = selfTestSteps({
  checkExample: '01-async-await',
  checkFile: {
    path: exercise,
    solution: readFileSync(join(repo, 'examples/01-async-await/exercise/solution/load-dashboard.ts'), 'utf8'),
  },
  checkCommand: ['node', '../course-tools/src/check-exercise.ts'],
});
const step = (id: string) => steps.find((s) => s.id === id)!;
/** The same step with a file of the run replaced: what it checks, broken on purpose. */
const broken = (id: string, files: Record<string, string>): SelfTestStep => {
  const original = step(id);
  return { ...original, request: { ...original.request, files: { ...original.request.files, ...files } } };
};

describe('the runtime self-test with the local runner', () => {
  it('passes every step of the fixed list, with timings', async () => {
    const started: string[] = [];
    const result = await runSelfTest(runner(), steps, { stepStart: (id) => started.push(id) });
    expect(result.boot).toMatchObject({ ok: true, progress: [{ code: 'local-starting' }] });
    expect(started).toEqual([...SELF_TEST_STEPS]);
    const failures = result.steps.filter((s) => !s.passed);
    expect(failures, JSON.stringify(failures, null, 2)).toEqual([]);
    const byId = Object.fromEntries(result.steps.map((s) => [s.id, s]));
    expect(byId['node-version']!.evidence).toBe(`node ${process.version} on ${process.platform}/${process.arch}`);
    expect(byId.bullmq!.evidence).toMatch(/add\(2, 3\) = 5.* · trace ×\d+$/);
    expect(byId.fastify!.evidence).toMatch(/GET \/hello → 200 .* · server-ready \d+$/);
    expect(byId.check!.evidence).toMatch(/^(\d+)\/\1 ✓$/);
    expect(byId.stop!.exit.reason).toBe('stopped');
    expect(byId.stop!.stopMs).toBeGreaterThanOrEqual(0);
    for (const s of result.steps) expect(s.firstOutputMs, s.id).toBeGreaterThan(0);
  }, 240_000);

  it('fails a step whose run shows the wrong thing, and says why', async () => {
    const result = await runSelfTest(runner(), [
      broken('utf8', { 'src/split-utf8.ts': 'process.stdout.write(Buffer.from([0xe4, 0xbd, 0x0a]));' }),
      broken('stop', { 'src/busy-loop.ts': "console.log('done at once');" }),
      broken('check', { [exercise]: readFileSync(join(repo, 'examples/01-async-await', exercise), 'utf8') }),
      broken('hello', { 'src/main.ts': "console.log('hi'); process.exitCode = 3;" }),
      broken('bullmq', { 'src/add-demo.ts': "console.log('add(2, 3) = 5');" }),
    ]);
    expect(result.steps.map((s) => [s.id, s.passed, s.problem?.code])).toEqual([
      ['utf8', false, 'replacement'],
      ['stop', false, 'not-stopped'],
      ['check', false, 'checks'],
      ['hello', false, 'exit'],
      ['bullmq', false, 'no-trace'],
    ]);
    expect(result.steps[3]!.problem).toEqual({ code: 'exit', params: { expected: '0', actual: '3' } });
  }, 240_000);

  it('reports a runtime that cannot start, and runs nothing', async () => {
    const result = await runSelfTest(new LocalRunner({ config: undefined }), steps);
    expect(result.boot).toMatchObject({ ok: false, notice: { code: 'local-only-in-dev' } });
    expect(result.steps).toEqual([]);
  });
});
