// The built site ships the WebContainer snapshot, loadable by a cross-origin isolated page.
import { gunzipSync } from 'node:zlib';
import { describe, expect, inject, it } from 'vitest';

const baseUrl = inject('baseUrl');

describe('dist/webcontainer/examples.bin', () => {
  it('is served with the isolation headers, gzip-compressed, and inflates to the snapshot', async () => {
    const response = await fetch(`${baseUrl}/webcontainer/examples.bin`, {
      headers: { 'accept-encoding': 'identity' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    const body = new Uint8Array(await response.arrayBuffer());
    expect([...body.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const unpacked = gunzipSync(body);
    console.log(`snapshot served: ${body.byteLength} bytes gzip, ${unpacked.byteLength} bytes unpacked`);
    expect(unpacked.byteLength).toBeGreaterThan(body.byteLength);
    expect(unpacked.includes(Buffer.from('ioredis-mock'))).toBe(true);
    // The JavaScript twins the runs start, whatever Node the container has.
    expect(unpacked.includes(Buffer.from('check-reporter.js'))).toBe(true);
  });
});
