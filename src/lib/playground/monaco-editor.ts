// The Monaco editor of a playground: self-hosted (the page is cross-origin isolated, so no CDN), its workers
// bundled by Vite, and the site's light/dark theme. Loaded only when a reader engages.
// The editor comes first: it shows the file highlighted and takes typing and Run as soon as its own code is in
// (monaco-parts.ts, about 0.9 MB gzip). Once it is on screen, TypeScript's language service follows
// (monaco-typescript.ts: the worker with the compiler and the real types, 2.2 MB), and the squiggles, hovers and
// suggestions appear when it is ready.
import * as monaco from './monaco-parts.ts';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import type { TypeError } from './monaco-typescript.ts';

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker(),
};

let languageService: Promise<typeof import('./monaco-typescript.ts')> | undefined;

export interface EditorFile {
  path: string;
  text: string;
}

export interface PlaygroundEditor {
  /** Current text of every file, by path. */
  values(): Record<string, string>;
  current(): string;
  /** Replaces a file's text as one undoable edit (Reset and Solution can be undone with Ctrl+Z). */
  replace(path: string, text: string): void;
  show(path: string): void;
  focus(): void;
  /** The TypeScript problems of a file as the editor marks them, for tests and the status line. */
  problems(path: string): { line: number; message: string }[];
  /** True once TypeScript has checked the open files with the real types (the benchmark waits for it). */
  diagnosticsReady(): boolean;
  /** Asks TypeScript itself, once the types are in: every file's errors (tests use it; it waits if needed). */
  typeErrors(): Promise<TypeError[]>;
  dispose(): void;
}

export interface EditorOptions {
  host: HTMLElement;
  example: string;
  files: EditorFile[];
  /** Base URL of the site (for the types bundles). */
  base: string;
  /** Accessible name of the editor showing a file. */
  editorLabel(file: string): string;
  onChange(path: string, text: string): void;
  onRun(): void;
}

function isDark(): boolean {
  return document.documentElement.dataset.theme === 'dark';
}

export function createEditor(options: EditorOptions): PlaygroundEditor {
  const { host, example, files } = options;

  const uriOf = (path: string) => monaco.Uri.parse(`file:///${example}/${path}`);
  const models = new Map(
    files.map(({ path, text }) => {
      const uri = uriOf(path);
      const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(text, 'typescript', uri);
      model.setValue(text);
      return [path, model] as const;
    }),
  );
  let currentPath = files[0]!.path;

  const editor = monaco.editor.create(host, {
    model: models.get(currentPath)!,
    theme: isDark() ? 'vs-dark' : 'vs',
    ariaLabel: options.editorLabel(currentPath),
    automaticLayout: true,
    minimap: { enabled: false },
    folding: false,
    scrollBeyondLastLine: false,
    fontSize: 14,
    tabSize: 2,
    fixedOverflowWidgets: true,
    scrollbar: { alwaysConsumeMouseWheel: false },
  });
  editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, () => options.onRun());

  // Grow with the code, within reason, like the static block it replaces.
  const lineHeight = editor.getOption(monaco.editor.EditorOption.lineHeight);
  const fitHeight = () => {
    const height = Math.min(Math.max(editor.getContentHeight(), 8 * lineHeight), 30 * lineHeight);
    host.style.setProperty('--pg-editor-height', `${height}px`);
  };
  editor.onDidContentSizeChange(fitHeight);
  fitHeight();

  for (const [path, model] of models) model.onDidChangeContent(() => options.onChange(path, model.getValue()));

  const themeObserver = new MutationObserver(() => monaco.editor.setTheme(isDark() ? 'vs-dark' : 'vs'));
  themeObserver.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  // The language service starts once the reader sees the file highlighted in the editor.
  const openUris = new Set([...models.values()].map((model) => model.uri.toString()));
  let checked = false;
  const typescript = afterHighlight(host).then(() => (languageService ??= import('./monaco-typescript.ts')));
  const typesIn = typescript
    .then((ts) => ts.loadTypes(options.base, example, openUris))
    .catch((error: unknown) => {
      // The editor still works without IntelliSense; say so where a developer looks.
      console.warn('Playground: could not load TypeScript or the types, IntelliSense is limited.', error);
    });
  const typeErrors = async () => {
    await typesIn;
    return (await typescript).typeErrors(models);
  };
  void typeErrors().then(
    () => (checked = true),
    (error: unknown) => console.warn('Playground: TypeScript did not answer.', error),
  );

  return {
    values: () => Object.fromEntries([...models].map(([path, model]) => [path, model.getValue()])),
    current: () => models.get(currentPath)!.getValue(),
    replace(path, text) {
      const model = models.get(path)!;
      if (model.getValue() === text) return;
      model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
      model.pushStackElement();
    },
    show(path) {
      currentPath = path;
      editor.setModel(models.get(path)!);
      editor.updateOptions({ ariaLabel: options.editorLabel(path) });
      fitHeight();
    },
    focus: () => editor.focus(),
    problems: (path) =>
      monaco.editor
        .getModelMarkers({ resource: models.get(path)!.uri })
        .filter((marker) => marker.severity === monaco.MarkerSeverity.Error)
        .map((marker) => ({ line: marker.startLineNumber, message: marker.message })),
    diagnosticsReady: () => checked,
    typeErrors,
    dispose() {
      themeObserver.disconnect();
      editor.dispose();
    },
  };
}

/**
 * Resolves once the editor shows the code in colour (Monaco tokenizes in the background, so the first frames
 * can still be plain), or after a few seconds in any case (a hidden tab draws no frames).
 */
function afterHighlight(host: HTMLElement, limitMs = 3_000): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      setTimeout(resolve);
    };
    const timer = setTimeout(done, limitMs);
    const check = () => {
      const spans = host.querySelectorAll('.view-line span[class*="mtk"]');
      if (new Set([...spans].map((span) => span.className)).size > 1) done();
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
}
