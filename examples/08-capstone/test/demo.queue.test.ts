// The demo's output is shown in the lesson, so it must keep telling the same story.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

it('npm run demo tells the whole story, the same way every run', { timeout: 60_000 }, async () => {
  const outbox = await mkdtemp(join(tmpdir(), 'demo-outbox-'));
  const pkgDir = fileURLToPath(new URL('..', import.meta.url));
  const env = { ...process.env, OUTBOX_DIR: outbox, SMTP_URL: '' };
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ['src/demo.ts'], { cwd: pkgDir, env });
    expect(stdout).toContain('202 Accepted: id analysis-1; the job waits in Redis');
    expect(stdout).toMatch(
      /snapshot +status queued, 0\/7[^]*progress +3\/7[^]*progress +6\/7[^]*progress +7\/7[^]*completed 3 positive, 2 negative, 2 neutral[^]*notified +e-mail sent/,
    );
    expect(stdout).toContain('Subject: Your analysis analysis-1 is ready: 3 positive, 2 negative, 2 neutral');
    expect(stdout).toContain('no e-mail: 400 ');
    expect(stdout).toContain('70 KiB of text: 413 ');
    expect(stdout).toContain('a PDF upload: 415 ');
    expect(stdout).toContain('status failed after 2 attempts');
    expect(stdout).toContain('Subject: Your analysis analysis-2 failed');
    expect(stdout).toContain(
      'What went wrong: Could not reach the model at http://127.0.0.1:PORT/score (ECONNREFUSED)',
    );
  } finally {
    await rm(outbox, { recursive: true, force: true });
  }
});
