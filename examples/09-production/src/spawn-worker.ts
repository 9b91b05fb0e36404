// Starts worker-process.ts as a child process and follows what it prints, for the demos and tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const workerScript = fileURLToPath(new URL('./worker-process.ts', import.meta.url));

export interface WorkerProcess {
  name: string;
  child: ChildProcess;
  lines: string[];
  /** Resolves with the first printed line (already printed or still to come) that contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<string>;
  /** Resolves when the process has ended: its exit code, or the signal that killed it. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function spawnWorker(name: string, env: NodeJS.ProcessEnv = {}, onLine?: (line: string) => void): WorkerProcess {
  const child = spawn(process.execPath, [workerScript, name], {
    // EXIT_WITH_PARENT: the worker stops when its stdin closes, i.e. when this process ends, even by SIGKILL.
    env: { ...process.env, ...env, EXIT_WITH_PARENT: '1' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters = new Set<{ text: string; resolve: (line: string) => void }>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    onLine?.(line);
    for (const waiter of waiters) if (line.includes(waiter.text)) waiter.resolve(line);
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  return {
    name,
    child,
    lines,
    exited,
    waitFor(text, timeoutMs = 40_000) {
      const seen = lines.find((line) => line.includes(text));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          text,
          resolve: (line: string) => {
            clearTimeout(timer);
            waiters.delete(waiter);
            resolve(line);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`${name} did not print "${text}" within ${timeoutMs} ms; it printed:\n${lines.join('\n')}`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
  };
}
