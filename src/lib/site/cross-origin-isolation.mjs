// Headers that make a page cross-origin isolated, which WebContainers require (SharedArrayBuffer).
// `require-corp` rather than `credentialless`: every asset is self-hosted, and Safari lacks `credentialless`.
// Shared by astro.config.mjs (dev + preview) and scripts that write the static hosts' header files.
export const crossOriginIsolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
