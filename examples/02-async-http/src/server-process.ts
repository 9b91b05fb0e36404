// Runs src/main.ts in its own process and resolves with its address once it is listening,
// so a client in this process can time requests while the server's thread is busy.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ServerProcess {
  address: string;
  stop: () => void;
}

export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const main = fileURLToPath(new URL('./main.ts', import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: { ...process.env, PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited early (code ${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      const match = /listening on (\S+)/.exec(chunk.toString());
      if (match?.[1]) resolve({ address: match[1], stop: () => child.kill() });
    });
  });
}
