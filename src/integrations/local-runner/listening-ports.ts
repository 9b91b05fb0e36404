// Which TCP ports the processes of a run listen on, asked of the OS rather than of the run's own output: true
// for any server the run starts (Fastify, plain `http`, `npx serve`), and a run cannot claim a port it did not
// open. Linux: the LISTEN sockets of /proc/net/tcp{,6} matched to the sockets among the processes' open files
// (/proc/<pid>/fd), our own user's processes, no root needed. macOS and other BSDs: `lsof`.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { promisify } from 'node:util';

export interface ListeningPort {
  port: number;
  /** Where to connect to it from this machine: 127.0.0.1 for IPv4 listeners, ::1 for IPv6-only ones. */
  host: '127.0.0.1' | '::1';
}

/**
 * Listens that can be reached on the loopback interface (bound to loopback or to every interface), by inode.
 * Cheap (two small files), so a watcher can call it often and look at processes only when something new listens.
 */
export function loopbackListeners(): Map<number, ListeningPort> {
  const found = new Map<number, ListeningPort>();
  for (const [file, host] of [
    ['/proc/net/tcp', '127.0.0.1'],
    ['/proc/net/tcp6', '::1'],
  ] as const) {
    let table: string;
    try {
      table = readFileSync(file, 'utf8');
    } catch {
      continue; // no IPv6 here, or not Linux
    }
    for (const line of table.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields[3] !== '0A') continue; // TCP_LISTEN
      const [address, portHex] = fields[1]!.split(':');
      if (!isLoopbackOrAny(address!)) continue;
      found.set(Number(fields[9]), { port: parseInt(portHex!, 16), host });
    }
  }
  return found;
}

/** The socket inodes among the open files of `pids` (Linux). */
export function socketInodes(pids: number[]): Set<number> {
  const inodes = new Set<number>();
  for (const pid of pids) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue; // ended meanwhile
    }
    for (const fd of fds) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(Number(match[1]));
      } catch {
        // closed meanwhile
      }
    }
  }
  return inodes;
}

/** macOS and other systems without /proc: `lsof` lists the TCP listens of the processes. */
export async function listeningPortsByLsof(pids: number[]): Promise<ListeningPort[]> {
  if (pids.length === 0) return [];
  let listing: string;
  try {
    ({ stdout: listing } = await promisify(execFile)(
      'lsof',
      ['-nP', '-a', '-iTCP', '-sTCP:LISTEN', '-p', pids.join(','), '-F', 'n'],
      { encoding: 'utf8' },
    ));
  } catch (error) {
    // lsof exits 1 when it finds nothing.
    listing = (error as { stdout?: string }).stdout ?? '';
  }
  const found: ListeningPort[] = [];
  for (const line of listing.split('\n')) {
    const match = /^n(.*):(\d+)$/.exec(line);
    if (!match) continue;
    const address = match[1]!;
    if (!['*', '127.0.0.1', 'localhost', '[::1]', '[::]', '::1', '::'].includes(address)) continue;
    found.push({ port: Number(match[2]), host: address.includes(':') ? '::1' : '127.0.0.1' });
  }
  return found;
}

/** /proc/net/tcp addresses are hex words in host byte order (little-endian here): 0100007F is 127.0.0.1. */
function isLoopbackOrAny(hex: string): boolean {
  if (hex.length === 8) return /^0+$/.test(hex) || hex.toUpperCase().endsWith('7F');
  if (/^0+$/.test(hex) || hex === '00000000000000000000000001000000') return true; // :: and ::1
  const mapped = /^0000000000000000FFFF0000([0-9A-F]{8})$/i.exec(hex); // ::ffff:a.b.c.d
  return mapped ? isLoopbackOrAny(mapped[1]!) : false;
}
