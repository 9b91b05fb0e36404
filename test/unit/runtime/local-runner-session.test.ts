// The local runner's session at dev-server start-up: a private runs folder per user, and what dev servers that
// died left behind (processes first, then folders) ended. Real processes, a real temp folder per test.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RUN_MARKER } from '../../../src/integrations/local-runner/run-processes.ts';
import { closeSession, openSession, runsFolder } from '../../../src/integrations/local-runner/session.ts';
import { isAlive, killAll } from '../../support/processes.ts';

const originalTmpdir = process.env.TMPDIR;
let temp: string;
let log: { info: string[]; warn: string[] };
const logger = () => ({ info: (m: string) => log.info.push(m), warn: (m: string) => log.warn.push(m) });
const started: number[] = [];

beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), 'async-lab-session-test-'));
  process.env.TMPDIR = temp;
  log = { info: [], warn: [] };
});

afterEach(() => {
  if (originalTmpdir === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = originalTmpdir;
  killAll(started.splice(0));
  rmSync(temp, { recursive: true, force: true });
});

const mode = (path: string) => statSync(path).mode & 0o777;

/** A pid that has just ended (so no dev server owns it). */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  expect(isAlive(pid!)).toBe(false);
  return pid!;
}

/** A process that left its group and session, marked as a run of `session`, as a run's child would be. */
function markedProcess(session: string, cwd: string): number {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], {
    cwd,
    detached: true,
    stdio: 'ignore',
    env: { ...process.env, [RUN_MARKER]: `${session}/run-1` },
  });
  child.unref();
  started.push(child.pid!);
  return child.pid!;
}

describe('the runs folder', () => {
  it('is this user’s own, mode 0700, in the system temp folder; so is each session’s', () => {
    const session = openSession(logger());
    expect(runsFolder()).toBe(join(temp, `async-lab-runs-${process.getuid!()}`));
    expect(mode(runsFolder())).toBe(0o700);
    expect(session.dir.startsWith(runsFolder() + '/')).toBe(true);
    expect(mode(session.dir)).toBe(0o700);
  });

  it('is made private again if it was left open to others', () => {
    mkdirSync(runsFolder(), { mode: 0o755 });
    chmodSync(runsFolder(), 0o755);
    openSession(logger());
    expect(mode(runsFolder())).toBe(0o700);
  });

  it('is not used when someone planted a link (or a folder of their own) under its name', () => {
    const elsewhere = mkdtempSync(join(temp, 'elsewhere-'));
    symlinkSync(elsewhere, runsFolder());
    const session = openSession(logger());
    expect(session.dir.startsWith(elsewhere)).toBe(false);
    expect(mode(join(session.dir, '..'))).toBe(0o700);
    expect(log.warn.join('\n')).toMatch(/is not a folder of yours/);
  });

  it.runIf(process.getuid?.() === 0)('is not used when another user owns it (checked as root)', () => {
    mkdirSync(runsFolder(), { mode: 0o700 });
    chownSync(runsFolder(), 65534, 65534);
    const session = openSession(logger());
    expect(session.dir.startsWith(runsFolder() + '/')).toBe(false);
    expect(log.warn.join('\n')).toMatch(/is not a folder of yours/);
  });
});

describe('what dead dev servers left behind', () => {
  // SIGKILL is sent before the call returns; the process dies when the kernel next schedules it.
  const gone = (pid: number) => expect.poll(() => isAlive(pid), { timeout: 10_000 }).toBe(false);

  it('ends their runs’ processes, then removes their folders; live sessions are left alone', async () => {
    mkdirSync(runsFolder(), { mode: 0o700 });
    const dead = `session-${deadPid()}-0123abcd`;
    const live = `session-${process.pid}-4567ef01`;
    for (const name of [dead, live]) mkdirSync(join(runsFolder(), name, 'run-1'), { recursive: true });
    const orphan = markedProcess(dead, join(runsFolder(), dead, 'run-1'));
    const neighbour = markedProcess(live, join(runsFolder(), live, 'run-1'));

    openSession(logger());

    await gone(orphan);
    expect(existsSync(join(runsFolder(), dead))).toBe(false);
    expect(isAlive(neighbour)).toBe(true);
    expect(existsSync(join(runsFolder(), live))).toBe(true);
    expect(log.info.join('\n')).toContain(String(orphan));
  });

  it('a session closing ends its own processes and removes its folder', async () => {
    const session = openSession(logger());
    const child = markedProcess(session.name, session.dir);
    const other = markedProcess(`session-${process.pid}-89abcdef`, temp);
    closeSession(session, logger());
    await gone(child);
    expect(existsSync(session.dir)).toBe(false);
    expect(isAlive(other)).toBe(true);
  });
});
