import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cwd = fileURLToPath(new URL('..', import.meta.url));
const run = (script: string) => spawnSync(process.execPath, [script], { cwd, encoding: 'utf8', timeout: 60_000 });

describe('the self-test scripts', () => {
  it('node-version names the Node that runs it', () => {
    const { stdout, status } = run('src/node-version.ts');
    expect(stdout).toBe(`node ${process.version} on ${process.platform}/${process.arch}\n`);
    expect(status).toBe(0);
  });

  it('fastify-request answers its own request over a real port, then closes', () => {
    const { stdout, status } = run('src/fastify-request.ts');
    expect(stdout).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+\nGET \/hello → 200 \{"hello":"world"\}\nclosed\n$/);
    expect(status).toBe(0);
  });

  it('split-utf8 writes one line of Chinese, whole once both pieces are read', async () => {
    const child = spawn(process.execPath, ['src/split-utf8.ts'], { cwd });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    await new Promise((done) => child.once('close', done));
    expect(Buffer.concat(chunks).toString('utf8')).toBe('你好，世界！\n');
  });

  it('busy-loop prints, then spins until it is killed', async () => {
    const child = spawn(process.execPath, ['src/busy-loop.ts'], { cwd });
    let stdout = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    await expect.poll(() => stdout, { timeout: 30_000 }).toBe('spinning\n');
    expect(child.exitCode).toBeNull();
    child.kill('SIGKILL');
    const [code, signal] = await new Promise<[number | null, string | null]>((done) =>
      child.once('exit', (...result) => done(result)),
    );
    expect({ code, signal }).toEqual({ code: null, signal: 'SIGKILL' });
  });
});
