// How the WebContainer runner starts a run: which process, where, with what environment. One function, used by
// the runner and by the test that runs every playground command on official Node 18/20/22 builds against the
// unpacked snapshot (test/unit/snapshot-on-node-*.test.ts), so that test issues exactly what the runner does.
import { containerCommand } from './js-twin.ts';
import type { RunRequest } from './runner.ts';

/** Where the snapshot's examples/ folder is, relative to the container's workdir. */
export const EXAMPLES_DIR = 'examples';

/** The pseudo-terminal runs go through (WebContainers always use one for `output`). */
export const TERMINAL = { cols: 120, rows: 40 } as const;

export interface ContainerSpawn {
  command: string;
  args: string[];
  /** Relative to the container's workdir. */
  cwd: string;
  env: Record<string, string>;
  terminal: { cols: number; rows: number };
}

export function containerSpawn(request: RunRequest): ContainerSpawn {
  const [command, ...args] = containerCommand(request.command);
  if (!command) throw new Error('The run has no command.');
  return {
    command,
    args,
    cwd: `${EXAMPLES_DIR}/${request.example}`,
    // Colours as in a terminal (the page renders them); the request's own variables win (e.g. ASYNC_LAB_TRACE).
    env: { FORCE_COLOR: '1', ...request.env },
    terminal: { ...TERMINAL },
  };
}
