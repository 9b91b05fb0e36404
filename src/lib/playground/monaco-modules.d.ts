// monaco-editor 0.57 ships types for its root entry only; editor.main is the same API without the LSP client.
declare module 'monaco-editor/editor/editor.main' {
  export * from 'monaco-editor';
}

// Monaco's prebuilt stylesheet as a string (see src/integrations/monaco-css.ts).
declare module 'virtual:monaco-css' {
  const css: string;
  export default css;
}
