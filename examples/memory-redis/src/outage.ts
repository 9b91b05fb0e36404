// A simulated outage of an in-memory server: what a process sees when its Redis stops or the network to it
// breaks, for demos and tests that cannot stop a real server (the browser has none). Every client of that
// server loses its connection as an ioredis client does: status 'reconnecting', an 'error' event, and
// commands that wait in the offline queue, or fail at once with ioredis's own message when the client was
// made with `enableOfflineQueue: false`. When the outage ends the clients are ready again and the waiting
// commands run. The data survives (a network outage, or a restart with persistence). Commands already sent
// when the outage begins still complete: ioredis would resend them or, with a finite
// `maxRetriesPerRequest`, fail them; this simulation does neither.

/** What the in-memory client does when its server goes away and comes back. */
export interface OutageListener {
  readonly serverAddress: string;
  outageBegan(reason: string): void;
  outageEnded(): void;
}

/** The error ioredis gives for a command sent while disconnected, with `enableOfflineQueue: false`. */
export const OFFLINE_QUEUE_DISABLED = "Stream isn't writeable and enableOfflineQueue options is false";

const down = new Set<string>();
const listeners = new Map<string, Set<OutageListener>>();

export function watchOutages(listener: OutageListener): void {
  const set = listeners.get(listener.serverAddress) ?? new Set();
  set.add(listener);
  listeners.set(listener.serverAddress, set);
}

export function unwatchOutages(listener: OutageListener): void {
  listeners.get(listener.serverAddress)?.delete(listener);
}

export function isDown(serverAddress: string): boolean {
  return down.has(serverAddress);
}

export interface Outage {
  /** Brings the server back: its clients reconnect and run the commands that waited. */
  end(): void;
}

/**
 * Takes the in-memory server at host:port (default localhost:6379, where createConnection() connects) away
 * from its clients until `end()` is called.
 */
export function simulateOutage({ host = 'localhost', port = 6379 }: { host?: string; port?: number } = {}): Outage {
  const address = `${host}:${port}`;
  if (down.has(address)) throw new Error(`The in-memory Redis at ${address} is already down.`);
  down.add(address);
  const reason = `connect ECONNREFUSED ${address} (a simulated outage of the in-memory Redis)`;
  for (const listener of listeners.get(address) ?? []) listener.outageBegan(reason);
  let ended = false;
  return {
    end() {
      if (ended) return;
      ended = true;
      down.delete(address);
      for (const listener of listeners.get(address) ?? []) listener.outageEnded();
    },
  };
}
