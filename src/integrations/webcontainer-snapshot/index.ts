// Astro integration that ships the WebContainer snapshots with the site: examples/ with their dependencies
// (scripts/build-snapshot.ts) and the strip-types fallback for an old Node (strip-types-builder.ts).
// `astro build` writes them (gzip-compressed) to dist/webcontainer/; `astro dev` serves them at the same URLs, built
// on the first request, for trying the WebContainer runner locally (?runner=webcontainer).
import { createReadStream } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSnapshot } from './snapshot-builder.ts';
import { buildStripTypesSnapshot } from './strip-types-builder.ts';
import { DEFAULT_SNAPSHOT_URL, DEFAULT_STRIP_TYPES_URL } from '../../lib/runtime/webcontainer-runner.ts';

export default function webcontainerSnapshot(): AstroIntegration {
  let repoRoot = '';
  return {
    name: 'async-lab-webcontainer-snapshot',
    hooks: {
      'astro:config:setup'({ config }) {
        repoRoot = fileURLToPath(config.root);
      },
      async 'astro:build:done'({ dir, logger }) {
        // Building needs the npm registry the first time; offline, skip it on purpose (the runner then says
        // the snapshot is missing and the lessons show recorded output) rather than by accident.
        if (process.env.ASYNC_LAB_SKIP_SNAPSHOT === '1') {
          logger.warn(`ASYNC_LAB_SKIP_SNAPSHOT=1: no ${DEFAULT_SNAPSHOT_URL}, so code cannot run in WebContainers.`);
          return;
        }
        const started = performance.now();
        const result = await buildSnapshot({ repoRoot, log: (message) => logger.info(message) });
        const target = join(fileURLToPath(dir), DEFAULT_SNAPSHOT_URL);
        await mkdir(dirname(target), { recursive: true });
        // Shipped gzip-compressed (the runner recognises and inflates it): hosts rarely compress binaries.
        await copyFile(result.gzipFile, target);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        logger.info(
          `${DEFAULT_SNAPSHOT_URL}: ${(result.gzipBytes / 1e6).toFixed(1)} MB gzip, ${(result.bytes / 1e6).toFixed(1)} MB unpacked (${result.cached ? 'cached' : 'built'}, ${seconds} s)`,
        );
        for (const path of result.removedNativeFiles) logger.warn(`removed native addon from the snapshot: ${path}`);
        const stripTypes = await buildStripTypesSnapshot({ repoRoot });
        await copyFile(stripTypes.gzipFile, join(fileURLToPath(dir), DEFAULT_STRIP_TYPES_URL));
        logger.info(
          `${DEFAULT_STRIP_TYPES_URL}: ${(stripTypes.gzipBytes / 1e6).toFixed(1)} MB gzip (loaded only on a Node < 22.6)`,
        );
      },
      'astro:server:setup'({ server, logger }) {
        const builders: Record<string, () => Promise<{ file: string; bytes: number }>> = {
          [DEFAULT_SNAPSHOT_URL]: () => buildSnapshot({ repoRoot, log: (message) => logger.info(message) }),
          [DEFAULT_STRIP_TYPES_URL]: () => buildStripTypesSnapshot({ repoRoot }),
        };
        server.middlewares.use((req, res, next) => {
          const build = builders[new URL(req.url ?? '/', 'http://localhost').pathname];
          if (req.method !== 'GET' || !build) return next();
          build().then(
            (result) => {
              res.writeHead(200, {
                'content-type': 'application/octet-stream',
                'content-length': String(result.bytes),
                'cache-control': 'no-cache',
                'cross-origin-resource-policy': 'same-origin',
              });
              createReadStream(result.file).pipe(res);
            },
            (error: unknown) => {
              logger.error(String(error));
              res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
              res.end(`The WebContainer snapshot could not be built: ${String(error)}`);
            },
          );
        });
      },
    },
  };
}
