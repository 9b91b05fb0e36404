// The built site ships the WebContainer snapshot, loadable by a cross-origin isolated page.
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

describe('dist/webcontainer/examples.bin', () => {
  it('is served with the isolation headers, as a binary of the expected size', async () => {
    const response = await fetch(`${baseUrl}/webcontainer/examples.bin`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    const bytes = (await response.arrayBuffer()).byteLength;
    console.log(`snapshot served: ${bytes} bytes`);
    expect(bytes).toBeGreaterThan(1_000_000);
  });
});
