// Runs src/main.ts in its own process, so a demo can kill it like a crash or a redeploy would.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  address: string;
  /** Everything the server printed, line by line. */
  output: string[];
  kill: (signal: NodeJS.Signals) => Promise<void>;
}

export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async (signal: NodeJS.Signals) => {
    child.kill(signal);
    await exited;
  };

  return new Promise((resolve, reject) => {
    void exited.then(() => reject(new Error('server exited before it was listening')));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      output.push(...chunk.split('\n').filter(Boolean));
      const match = /listening on (\S+)/.exec(chunk);
      if (match?.[1]) resolve({ address: match[1], output, kill });
    });
  });
}
