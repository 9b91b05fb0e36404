// Runs a shell command the way a reader types it, for the fresh-machine tests: output kept, a time limit that
// only stops a hung command, and the whole process group ended (a server started by `npm start`).
import { spawn } from 'node:child_process';

export interface CommandRun {
  code: number | null;
  output: string;
}

export function runCommand(
  command: string,
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandRun> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd: options.cwd, env: options.env, detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      output += `\n[test] ${command} was still running after ${(options.timeoutMs ?? 600_000) / 1000} s: stopped.\n`;
      killGroup(child.pid);
    }, options.timeoutMs ?? 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/**
 * Starts a command that may keep running (a server): resolves when its output matches `ready` (then the process
 * group is ended), or when it exits by itself.
 */
export function runUntil(
  command: string,
  ready: RegExp,
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<CommandRun & { match?: RegExpMatchArray }> {
  return new Promise((resolve) => {
    const child = spawn('sh', ['-c', command], { cwd: options.cwd, env: options.env, detached: true });
    let output = '';
    let match: RegExpMatchArray | undefined;
    const onData = (chunk: Buffer) => {
      output += chunk;
      match ??= output.match(ready) ?? undefined;
      if (match) killGroup(child.pid);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      output += `\n[test] ${command} did not get ready within ${(options.timeoutMs ?? 600_000) / 1000} s: stopped.\n`;
      killGroup(child.pid);
    }, options.timeoutMs ?? 600_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, match });
    });
  });
}

function killGroup(pid: number | undefined): void {
  try {
    if (pid) process.kill(-pid, 'SIGTERM');
  } catch {
    // already gone
  }
}
