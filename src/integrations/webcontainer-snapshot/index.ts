// Astro integration that ships what WebContainer runs need: the snapshot of examples/ with their dependencies
// (snapshot-builder.ts; `astro build` writes it gzip-compressed to dist/webcontainer/, `astro dev` serves it at
// the same URL, built on the first request, for trying the WebContainer runner locally with ?runner=webcontainer),
// and amaro for the page's type-stripping worker (amaro-in-the-browser.ts), which strips the reader's edits.
import { createReadStream } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { amaroInTheBrowser } from './amaro-in-the-browser.ts';
import { buildSnapshot } from './snapshot-builder.ts';
import { DEFAULT_SNAPSHOT_URL } from '../../lib/runtime/webcontainer-runner.ts';

export default function webcontainerSnapshot(): AstroIntegration {
  let repoRoot = '';
  return {
    name: 'async-lab-webcontainer-snapshot',
    hooks: {
      'astro:config:setup'({ config, updateConfig }) {
        repoRoot = fileURLToPath(config.root);
        // The worker is bundled on its own in a build (worker.plugins); `astro dev` serves it through the main ones.
        updateConfig({ vite: { plugins: [amaroInTheBrowser()], worker: { plugins: () => [amaroInTheBrowser()] } } });
      },
      async 'astro:build:done'({ dir, logger }) {
        // An offline build can leave the snapshot out on purpose (the runner then says the snapshot is missing and
        // the lessons show recorded output). It needs no registry: dependencies come from the repo's node_modules.
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
        for (const path of result.removedNativeFiles) logger.warn(`left a native addon out of the snapshot: ${path}`);
      },
      'astro:server:setup'({ server, logger }) {
        server.middlewares.use((req, res, next) => {
          if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://localhost').pathname !== DEFAULT_SNAPSHOT_URL) {
            return next();
          }
          buildSnapshot({ repoRoot, log: (message) => logger.info(message) }).then(
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
