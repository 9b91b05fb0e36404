// Where StackBlitz's WebContainer API key goes (a commercial deployment needs one; open-source and personal use
// do not): the runner hands it to the real @webcontainer/api before boot, which puts it on its frame's URL. In a
// file of its own: the package keeps "boot was called" in module state that no other test may have touched.
import { describe, expect, it, vi } from 'vitest';
import { WebContainerRunner } from '../../../src/lib/runtime/webcontainer-runner.ts';

describe('the WebContainer API key', () => {
  it('is configured before boot and reaches the frame’s URL as client_id', async () => {
    const frames: { src: string }[] = [];
    vi.stubGlobal('window', Object.assign(new EventTarget(), { location: { host: 'async-lab.test' } }));
    vi.stubGlobal('document', {
      createElement: () => ({ style: {}, setAttribute() {}, src: '' }),
      body: { insertBefore: (frame: { src: string }) => void frames.push(frame) },
    });
    try {
      const runner = new WebContainerRunner({
        loadApi: () => import('@webcontainer/api'),
        apiKey: 'wc_api_example',
        watchFrame: null,
        capabilities: {
          crossOriginIsolated: true,
          sharedArrayBuffer: true,
          webAssembly: true,
          userAgent: '',
          maxTouchPoints: 0,
        },
        scope: {},
      });
      void runner.boot().catch(() => {}); // no frame answers here: the boot waits, which is all this needs
      await vi.waitFor(() => expect(frames).toHaveLength(1));
      expect(new URL(frames[0]!.src).searchParams.get('client_id')).toBe('wc_api_example');
    } finally {
      vi.unstubAllGlobals();
    }
  });
});
