// monaco-editor's `?worker` imports are typed by Vite; its side-effect contributions need no types.
// The editor's stylesheets are added by src/integrations/monaco-css.ts.
declare module 'virtual:monaco-style' {
  export function addMonacoCss(css: string): void;
}

// Two monaco-editor modules without declarations: the TypeScript Monarch grammar, and the language service's
// setup (monaco-typescript.ts calls it itself, because the editor's models exist before it loads).
declare module 'monaco-editor/languages/definitions/typescript/typescript' {
  import type { languages } from 'monaco-editor/editor/editor.api';
  export const conf: languages.LanguageConfiguration;
  export const language: languages.IMonarchLanguage;
}
declare module 'monaco-editor/languages/features/typescript/tsMode' {
  import type { LanguageServiceDefaults } from 'monaco-editor/languages/features/typescript/register';
  export function setupTypeScript(defaults: LanguageServiceDefaults): void;
}
