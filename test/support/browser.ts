// Debian's Chromium driven by playwright-core: Playwright cannot download its own browsers here.
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { isCI } from '../../examples/tools/ci.ts';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests skip (loudly, see requireChromium) on a machine without Chromium; in CI that is a failure.
 */
export const browserAvailable = existsSync(chromiumPath);

/** Called from the e2e global setup: explains a missing browser once, and fails when CI=true. */
export function requireChromium(): void {
  if (browserAvailable) return;
  const message =
    `Chromium was not found at ${chromiumPath}: the browser tests are SKIPPED.\n` +
    'Install it (Debian/Ubuntu: `sudo apt-get install chromium`) or point CHROMIUM_PATH at a Chromium binary.';
  if (isCI()) throw new Error(`${message}\nCI=${process.env.CI}, so a skip is a failure.`);
  console.warn('\n' + '!'.repeat(80) + '\n' + message + '\n' + '!'.repeat(80) + '\n');
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Collects console errors and uncaught page errors, so a test can assert there were none. */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    // For "Failed to load resource" the location is the resource, which the text leaves out.
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  // The console only says "404"; name the resource so a failure is actionable.
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return errors;
}
