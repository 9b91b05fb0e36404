// Benchmark (prints numbers, asserts nothing): Run → first output and Run → exit with the local runner, through
// the real endpoint on a loopback server and the browser client, for a few examples.
//   node scripts/bench-local-runner.ts [--runs 10]
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLocalRunnerEndpoint } from '../src/integrations/local-runner/endpoint.ts';
import { LocalRunner } from '../src/lib/runtime/local-runner.ts';
import { LOCAL_RUNNER_ENDPOINT } from '../src/lib/runtime/local-runner-protocol.ts';
import type { RunRequest } from '../src/lib/runtime/runner.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex === -1 ? 10 : Number(process.argv[runsIndex + 1]);

const cases: { name: string; request: RunRequest }[] = [
  { name: '00-hello-ts main', request: { example: '00-hello-ts', files: {}, command: ['node', 'src/main.ts'] } },
  {
    name: '05-queue-basics add-demo (BullMQ, in-memory Redis)',
    request: { example: '05-queue-basics', files: {}, command: ['node', 'src/add-demo.ts'], env: { REDIS_URL: '' } },
  },
];

const sessionDir = mkdtempSync(join(tmpdir(), 'async-lab-bench-'));
const token = 'bench';
const endpoint = createLocalRunnerEndpoint({
  endpoint: LOCAL_RUNNER_ENDPOINT,
  token,
  examplesDir: join(repo, 'examples'),
  nodeModulesDir: join(repo, 'node_modules'),
  sessionDir,
});
const server = createServer((req, res) => endpoint.handle(req, res, () => res.writeHead(404).end()));
await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
const baseUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
const runner = new LocalRunner({ config: { endpoint: LOCAL_RUNNER_ENDPOINT, token }, baseUrl });

const results: Record<string, unknown>[] = [];
for (const { name, request } of cases) {
  const firstOutput: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    let first: number | undefined;
    const exit = await runner.run(
      request,
      (event) => {
        if (event.type === 'output' && first === undefined) first = performance.now() - started;
      },
      new AbortController().signal,
    );
    if (exit.code !== 0) throw new Error(`${name}: exit ${exit.code} ${JSON.stringify(exit.notice ?? {})}`);
    firstOutput.push(first ?? NaN);
    total.push(performance.now() - started);
  }
  results.push({
    case: name,
    runs,
    firstRunFirstOutputMs: Math.round(firstOutput[0]!),
    laterFirstOutputMs: summary(firstOutput.slice(1)),
    laterTotalMs: summary(total.slice(1)),
  });
}
console.log(JSON.stringify({ node: process.version, results }, null, 2));

await endpoint.stopAll();
server.close();
rmSync(sessionDir, { recursive: true, force: true });

function summary(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!);
  return { median: at(0.5), p90: at(0.9), max: Math.round(sorted.at(-1)!) };
}
