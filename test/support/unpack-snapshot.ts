// Reads a @webcontainer/snapshot file (msgpack of { d: { name: { d: … } | { f: { c: bytes } } } }) the way a
// WebContainer mounts it, so tests can look inside or lay it out in a folder and run it with a real Node.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decode } from '@msgpack/msgpack';

type Entry = { d: Record<string, Entry> } | { f: { c: Uint8Array } };

/** Every file of the snapshot: path → contents. A snapshot entry that is neither file nor folder throws. */
export function readSnapshot(file: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const walk = (entry: Entry, path: string) => {
    if ('d' in entry) for (const [name, child] of Object.entries(entry.d)) walk(child, path ? `${path}/${name}` : name);
    else if ('f' in entry) files.set(path, entry.f.c);
    else throw new Error(`${path}: neither a file nor a folder`);
  };
  walk(decode(readFileSync(file)) as Entry, '');
  return files;
}

/** Writes the files under `folder` (like `mount(snapshot, { mountPoint })`). */
export function layOut(files: Map<string, Uint8Array>, folder: string): void {
  for (const [path, content] of files) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    writeFileSync(join(folder, path), content);
  }
}
