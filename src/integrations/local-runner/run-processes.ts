// Finds the processes a run started, wherever they went: every run's process gets ASYNC_LAB_RUN=<session>/<run>
// in its environment, which its children inherit, so a child that left the process group or the session
// (`detached: true`, `setsid`) is still found, and ended with the run. A process group alone misses those, and
// they used to outlive the run, Stop, the timeout and the dev server itself.
//
// Linux: /proc/<pid>/environ (the environment the process was started with; readable for our own user's
// processes, no root needed). macOS and other BSDs: `ps -A -E` prints the same for our own processes. A process
// that clears its environment and leaves the session escapes this (only a cgroup would hold it); the run still
// ends (see local-run.ts), it just cannot be found.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export const RUN_MARKER = 'ASYNC_LAB_RUN';

export interface MarkedProcess {
  pid: number;
  /** The marker's value: "<session>/<run>". */
  marker: string;
}

/** The marker value of one run of one dev-server session. */
export function runMarker(session: string, runId: string): string {
  return `${session}/${runId}`;
}

/** The session a marker value belongs to. */
export function markerSession(marker: string): string {
  return marker.slice(0, marker.lastIndexOf('/'));
}

/** Every process of this user that carries a run marker (never this process itself). */
export function markedProcesses(): MarkedProcess[] {
  const found = process.platform === 'linux' ? fromProc() : fromPs();
  return found.filter((entry) => entry.pid !== process.pid);
}

/**
 * Sends `signal` to every marked process whose marker `matches`, and returns their pids.
 * Synchronous on purpose: it also runs in the dev server's `exit` handler.
 */
export function signalMarked(matches: (marker: string) => boolean, signal: NodeJS.Signals): number[] {
  const pids: number[] = [];
  for (const { pid, marker } of markedProcesses()) {
    if (!matches(marker)) continue;
    try {
      process.kill(pid, signal);
      pids.push(pid);
    } catch {
      // Gone meanwhile, or not ours to signal.
    }
  }
  return pids;
}

const MARKER_PREFIX = Buffer.from(`${RUN_MARKER}=`);

function fromProc(): MarkedProcess[] {
  const found: MarkedProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let environ: Buffer;
    try {
      environ = readFileSync(`/proc/${name}/environ`);
    } catch {
      continue; // another user's process, or it just ended
    }
    const marker = markerIn(environ);
    if (marker !== undefined) found.push({ pid: Number(name), marker });
  }
  return found;
}

function markerIn(environ: Buffer): string | undefined {
  for (let start = 0; start < environ.length;) {
    let end = environ.indexOf(0, start);
    if (end === -1) end = environ.length;
    if (environ.subarray(start, start + MARKER_PREFIX.length).equals(MARKER_PREFIX)) {
      return environ.toString('utf8', start + MARKER_PREFIX.length, end);
    }
    start = end + 1;
  }
  return undefined;
}

/** `ps -E` appends each process's environment to its command line (macOS, FreeBSD). */
function fromPs(): MarkedProcess[] {
  let listing: string;
  try {
    listing = execFileSync('ps', ['-A', '-E', '-ww', '-o', 'pid=,command='], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return [];
  }
  const pattern = new RegExp(`(?:^|\\s)${RUN_MARKER}=(\\S+)`);
  const found: MarkedProcess[] = [];
  for (const line of listing.split('\n')) {
    const match = /^\s*(\d+)\s(.*)$/.exec(line);
    const marker = match && pattern.exec(match[2]!)?.[1];
    if (marker) found.push({ pid: Number(match[1]), marker });
  }
  return found;
}
