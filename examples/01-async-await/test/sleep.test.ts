import { describe, expect, it } from 'vitest';
import { sleep } from '../src/sleep.ts';
import { download } from '../src/mirrors.ts';

describe('sleep', () => {
  it('resolves when nobody cancels it', async () => {
    await expect(sleep(5, AbortSignal.timeout(1000))).resolves.toBeUndefined();
  });

  it('rejects with TimeoutError when AbortSignal.timeout fires first', async () => {
    await expect(sleep(10_000, AbortSignal.timeout(10))).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('rejects with AbortError when cancelled by hand, and at once if already cancelled', async () => {
    const controller = new AbortController();
    const pending = sleep(10_000, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await expect(sleep(10_000, controller.signal)).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('download (the combinators demo)', () => {
  it('resolves with the file or rejects with a message naming the mirror', async () => {
    await expect(download({ name: 'fast', ms: 1 })).resolves.toBe('file from fast');
    await expect(download({ name: 'broken', ms: 1, fails: true })).rejects.toThrow('broken is down');
  });
});
