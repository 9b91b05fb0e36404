// Runs one example command the way a reader would (Node, in the package folder) and captures what it printed.
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  /** stdout and stderr in the order they were written (both go to one file descriptor). */
  raw: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
}

export async function runExample(
  cwd: string,
  command: string[],
  options: { env?: Record<string, string>; timeoutMs: number },
): Promise<RunResult> {
  const [program, ...args] = command;
  if (!program) throw new Error('A recording needs a command.');
  const dir = mkdtempSync(join(tmpdir(), 'async-lab-record-'));
  const file = join(dir, 'output.txt');
  const fd = openSync(file, 'w');
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...options.env };
  // Recordings show the in-memory Redis, which is what a reader's browser runs.
  if (!options.env?.REDIS_URL) delete env.REDIS_URL;
  delete env.FORCE_COLOR;
  try {
    const child = spawn(program === 'node' ? process.execPath : program, args, {
      cwd,
      env,
      stdio: ['ignore', fd, fd],
      // Its own process group, so a timeout also ends the processes it started.
      detached: true,
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.timeoutMs);
    const { code, signal } = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
      (resolve, reject) => {
        child.on('error', reject);
        child.on('close', (code, signal) => resolve({ code, signal }));
      },
    );
    clearTimeout(timer);
    closeSync(fd);
    return { raw: readFileSync(file, 'utf8'), exitCode: code, signal, timedOut };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
