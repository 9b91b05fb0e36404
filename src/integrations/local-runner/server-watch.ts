// Notices when a run starts an HTTP server (the preview pane shows it): asks the OS, while the run lives, which
// ports the run's processes listen on. Often at first (servers start within seconds), then once a second. On
// Linux a look costs two small /proc files; the run's processes are looked at only when a new port appears.
import { listeningPortsByLsof, loopbackListeners, socketInodes, type ListeningPort } from './listening-ports.ts';
import { markedProcesses } from './run-processes.ts';

const FAST_MS = 200;
const FAST_FOR_MS = 10_000;
const SLOW_MS = 1_000;

/** Calls `onListening` once per port a process of the run (`marker`) listens on; returns a stop function. */
export function watchServers(marker: string, onListening: (listener: ListeningPort) => void): () => void {
  const reported = new Set<number>();
  const seenInodes = new Set<number>();
  const startedAt = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const runPids = () => markedProcesses().flatMap(({ pid, marker: m }) => (m === marker ? [pid] : []));

  async function look(): Promise<ListeningPort[]> {
    if (process.platform !== 'linux') return listeningPortsByLsof(runPids());
    const listeners = loopbackListeners();
    const fresh = [...listeners.keys()].filter((inode) => !seenInodes.has(inode));
    if (fresh.length === 0) return [];
    // A listening socket belongs to whoever opened it; one that is not the run's now never will be.
    const ours = socketInodes(runPids());
    for (const inode of fresh) seenInodes.add(inode);
    return fresh.filter((inode) => ours.has(inode)).map((inode) => listeners.get(inode)!);
  }

  async function tick(): Promise<void> {
    try {
      for (const listener of await look()) {
        if (stopped || reported.has(listener.port)) continue;
        reported.add(listener.port);
        onListening(listener);
      }
    } catch {
      // The OS could not be asked this time (a process ended mid-look): ask again next time.
    }
    if (stopped) return;
    timer = setTimeout(() => void tick(), performance.now() - startedAt < FAST_FOR_MS ? FAST_MS : SLOW_MS);
  }

  void tick();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
