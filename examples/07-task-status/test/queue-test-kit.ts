// Test plumbing shared by this package's queue tests.
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

// Tests run in parallel, and also against one real Redis: every test gets its own queue.
export function uniqueQueueName(base: string): string {
  return `${base}-${randomUUID()}`;
}

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Runs one of the package's scripts to its end, the way `npm run …` does, in the package folder.
export function runScript(script: string, env: Record<string, string> = {}, args: string[] = []): Promise<ScriptRun> {
  return new Promise((resolve) => {
    const options = { cwd: pkgDir, env: { ...process.env, ...env }, timeout: 15_000 };
    execFile(process.execPath, [script, ...args], options, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

// Starts a long-running script (a server, a worker) and lets the test wait for lines it prints.
export function startScript(script: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [script], { cwd: pkgDir, env: { ...process.env, ...env } });
  const lines: string[] = [];
  const waiters: Array<() => void> = [];
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    for (const wake of waiters.splice(0)) wake();
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  async function waitForLine(pattern: RegExp): Promise<RegExpMatchArray> {
    for (;;) {
      for (const line of lines) {
        const match = line.match(pattern);
        if (match) return match;
      }
      await new Promise<void>((resolve) => waiters.push(resolve));
    }
  }
  return { child, lines, waitForLine, exited, stderr: () => stderr };
}
