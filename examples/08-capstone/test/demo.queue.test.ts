// The demo's output is shown in the lesson, so it must keep telling the same story.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageScripts } from '@async-lab/course-tools/testing/queue-test-kit';
import { expect, it } from 'vitest';

const { runScript } = packageScripts(new URL('..', import.meta.url));

it('npm run demo tells the whole story, the same way every run', { timeout: 120_000 }, async () => {
  const outbox = await mkdtemp(join(tmpdir(), 'demo-outbox-'));
  try {
    const { code, stdout, stderr } = await runScript('src/demo.ts', { OUTBOX_DIR: outbox, SMTP_URL: '' });
    expect(code, stderr).toBe(0);
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
