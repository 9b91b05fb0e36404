// Where the preview pane points its frame: the runner's base URL for the server plus the Playground's path, for
// both runners' kinds of URL.
import { describe, expect, it } from 'vitest';
import { previewAddress } from '../../../src/lib/playground/preview-pane.ts';

describe('previewAddress', () => {
  it('puts the path at the root of a WebContainer server’s origin', () => {
    const origin = 'https://abc123--3000--6ba59070.local-credentialless.webcontainer-api.io';
    expect(previewAddress(origin, '/')).toBe(`${origin}/`);
    expect(previewAddress(origin, '/progress?task=1')).toBe(`${origin}/progress?task=1`);
  });

  it('keeps the local proxy’s secret prefix in front of the path', () => {
    const base = 'http://127.0.0.1:41234/__async-lab-preview/s3cr3t-Token_x/';
    expect(previewAddress(base, '/')).toBe(base);
    expect(previewAddress(base, '/task-status/1')).toBe(`${base}task-status/1`);
  });
});
