// Debian's Chromium driven by playwright-core (it cannot download a browser of its own here), for the page tests.
// Without Chromium they are skipped, loudly; with CI set that is a failure (as for a missing redis-server).
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { isCI } from '../../../tools/ci.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Why the browser tests cannot run here, or undefined when they can. Throws on CI instead of skipping. */
export function chromiumMissing(): string | undefined {
  if (existsSync(chromiumPath)) return undefined;
  const reason = `Chromium not found at ${chromiumPath}: install it (apt-get install chromium) or set CHROMIUM_PATH.`;
  if (isCI()) throw new Error(`${reason} CI is set, so the browser tests may not be skipped.`);
  console.warn(`\n${'!'.repeat(78)}\nSKIPPED browser tests: ${reason}\n${'!'.repeat(78)}\n`);
  return reason;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
}
