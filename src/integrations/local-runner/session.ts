// A dev server's local-runner session: its token and its folder for run copies, inside this user's private runs
// folder (mode 0700 in the system temp folder: other users of the machine can neither read the reader's code
// nor plant files there). Opening a session first ends what dev servers that died without cleaning up left
// behind: their processes (found by their run marker), then their folders.
import { randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { markerSession, signalMarked } from './run-processes.ts';

export interface SessionLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface RunnerSession {
  /** "session-<dev server pid>-<random>": the folder's name and the first half of its runs' markers. */
  name: string;
  /** Where this session's runs are copied to. */
  dir: string;
  /** The secret the pages send with every request. */
  token: string;
}

/** This user's runs folder. */
export function runsFolder(): string {
  return join(tmpdir(), `async-lab-runs-${process.getuid?.() ?? userInfo().username}`);
}

export function openSession(log: SessionLog): RunnerSession {
  const folder = privateFolder(runsFolder(), log);
  endDeadSessions(folder, log);
  const name = `session-${process.pid}-${randomBytes(4).toString('hex')}`;
  const dir = join(folder, name);
  mkdirSync(dir, { mode: 0o700 });
  return { name, dir, token: randomBytes(32).toString('base64url') };
}

/** The dev server is exiting: whatever its runs still have running ends, then their folder goes. Synchronous. */
export function closeSession(session: RunnerSession, log: SessionLog): void {
  signalMarked((marker) => markerSession(marker) === session.name, 'SIGKILL');
  removeFolder(session.dir, log);
}

/** The pid of the dev server a session (or a marker's session) belongs to. */
function sessionOwner(session: string): number | undefined {
  const pid = Number(/^session-(\d+)-[0-9a-f]+$/.exec(session)?.[1]);
  return pid > 0 ? pid : undefined;
}

function endDeadSessions(folder: string, log: SessionLog): void {
  const dead = (session: string) => {
    const pid = sessionOwner(session);
    return pid !== undefined && !isAlive(pid);
  };
  // Processes first, wherever their folder is: the folder must not be removed under a process still using it.
  const killed = signalMarked((marker) => dead(markerSession(marker)), 'SIGKILL');
  if (killed.length > 0) {
    log.info(
      `ended ${killed.length} process(es) left running by a dev server that is gone (pids ${killed.join(', ')})`,
    );
  }
  for (const name of readdirSync(folder)) {
    if (dead(name)) removeFolder(join(folder, name), log);
  }
}

function removeFolder(path: string, log: SessionLog): void {
  try {
    rmSync(path, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    log.warn(`could not remove ${path}: ${String(error)}`);
  }
}

/** The folder, made private to this user; if someone else owns that name, a fresh private folder beside it. */
function privateFolder(path: string, log: SessionLog): string {
  try {
    mkdirSync(path, { mode: 0o700 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stat = lstatSync(path);
  const ours = stat.isDirectory() && (process.getuid === undefined || stat.uid === process.getuid());
  if (!ours) {
    const fallback = mkdtempSync(`${path}-`);
    log.warn(`${path} is not a folder of yours, so runs go to ${fallback} instead`);
    return fallback;
  }
  if ((stat.mode & 0o077) !== 0) chmodSync(path, 0o700);
  return path;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
