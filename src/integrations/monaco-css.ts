// Vite plugin: Monaco's stylesheet loads with the editor, not on every page. monaco-editor's ES modules import
// ~140 small CSS files; Astro would hoist those into every page that has a Playground, even though the editor
// itself is only imported on demand. So those imports become empty, and the editor module imports the one
// prebuilt stylesheet monaco-editor ships (min/vs/editor/editor.main.css, fonts inlined) as a string through
// `virtual:monaco-css`, and puts it in a <style> element when it starts.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

const virtualId = 'virtual:monaco-css';
const monacoEsmCss = /[\\/]monaco-editor[\\/]esm[\\/].*\.css(\?.*)?$/;

export function monacoCssOnDemand(): Plugin {
  // The package exports only its entry points: `require` resolves to min/vs/index.js, beside editor/.
  const minVs = dirname(createRequire(import.meta.url).resolve('monaco-editor'));
  const stylesheet = join(minVs, 'editor/editor.main.css');
  return {
    name: 'async-lab-monaco-css-on-demand',
    enforce: 'pre',
    resolveId(id) {
      if (id === virtualId) return `${stylesheet}?inline`;
      return undefined;
    },
    load(id) {
      if (monacoEsmCss.test(id)) return '';
      return undefined;
    },
  };
}
