// Test plumbing shared by this package's queue tests.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

// Tests run in parallel, and also against one real Redis: every test gets its own queue.
export function uniqueQueueName(base: string): string {
  return `${base}-${randomUUID()}`;
}

export interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Runs one of the package's scripts the way `npm run …` does: a fresh Node process in the package folder.
export function runScript(script: string, env: Record<string, string> = {}): Promise<ScriptRun> {
  const cwd = fileURLToPath(new URL('..', import.meta.url));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script],
      { cwd, env: { ...process.env, ...env }, timeout: 15_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}
