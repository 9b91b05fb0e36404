import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { startServerProcess } from '../src/server-process.ts';

it('bad-input.ts prints a 400 and its reason for each bad query', () => {
  const script = fileURLToPath(new URL('../src/bad-input.ts', import.meta.url));
  const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
  expect(out).toContain('GET /cpu-bound?ms=abc  → 400 querystring/ms must be integer');
  expect(out).toContain('GET /cpu-bound?ms=5    → 200');
});

it('main.ts serves real HTTP on the port it prints', async () => {
  const server = await startServerProcess({ DEMO_DELAY_MS: '1' });
  try {
    const response = await fetch(`${server.address}/async-demo`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ msg: 'async response', waitedMs: 1 });
  } finally {
    server.stop();
  }
});
