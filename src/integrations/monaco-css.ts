// Vite plugin: Monaco's stylesheets load with the editor, not on every page, and only those of the editor parts
// the playground imports. monaco-editor's ES modules import ~140 small CSS files; left alone, Astro would hoist
// them into every page that has a Playground, although the editor itself is only imported on demand. So each
// such import becomes a tiny module that adds that CSS (as a string) to one <style data-monaco> element when the
// editor's code runs. The codicon font stays a separate file that the browser fetches only when an icon is first
// drawn (a menu, the suggestions, the find widget).
// The CSS is taken as written (comments dropped), not through Vite's CSS pipeline: its minifier rejects the
// nested relative selectors (`> .child` inside a rule) Monaco uses, which every browser that can run the
// playground understands.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Plugin } from 'vite';

const monacoEsmCss = /[\\/]monaco-editor[\\/]esm[\\/].*\.css$/;
const injectPrefix = '\0monaco-css-inject:';
const styleModule = 'virtual:monaco-style';

export function monacoCssOnDemand(): Plugin {
  return {
    name: 'async-lab-monaco-css-on-demand',
    enforce: 'pre',
    async resolveId(id, importer, options) {
      if (id === styleModule) return `\0${styleModule}`;
      if (!importer || !id.endsWith('.css') || importer.startsWith(injectPrefix)) return undefined;
      const resolved = await this.resolve(id, importer, { ...options, skipSelf: true });
      if (!resolved || !monacoEsmCss.test(resolved.id)) return undefined;
      // Not ending in .css, or Vite's CSS plugin would take it.
      return `${injectPrefix}${resolved.id}.js`;
    },
    load(id) {
      if (id === `\0${styleModule}`) return styleSource;
      if (!id.startsWith(injectPrefix)) return undefined;
      const file = id.slice(injectPrefix.length, -'.js'.length);
      this.addWatchFile(file);
      return cssModule(file, readFileSync(file, 'utf8'));
    },
  };
}

/** JavaScript that adds one stylesheet; its url()s to files (the codicon font) become assets of the build. */
function cssModule(file: string, css: string): string {
  const imports: string[] = [];
  const parts: string[] = [];
  let rest = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\n\s*\n/g, '\n');
  for (;;) {
    const match = /url\(\s*(['"]?)(?!data:)([^'")]+)\1\s*\)/.exec(rest);
    if (!match) break;
    const name = `asset${imports.length}`;
    const target = resolve(dirname(file), match[2]!.replace(/[?#].*$/, ''));
    imports.push(`import ${name} from ${JSON.stringify(`${target}?url`)};`);
    parts.push(JSON.stringify(rest.slice(0, match.index) + 'url('), name, JSON.stringify(')'));
    rest = rest.slice(match.index + match[0].length);
  }
  parts.push(JSON.stringify(rest));
  return [
    ...imports,
    `import { addMonacoCss } from ${JSON.stringify(styleModule)};`,
    `addMonacoCss(${parts.join(' + ')});`,
  ].join('\n');
}

// One <style> element for all of Monaco's CSS, in the order the editor's modules import it.
const styleSource = `
let style;
export function addMonacoCss(css) {
  if (!style) {
    style = document.head.querySelector('style[data-monaco]') ?? document.createElement('style');
    style.dataset.monaco = '';
    document.head.append(style);
  }
  style.append(document.createTextNode(css));
}
`;
