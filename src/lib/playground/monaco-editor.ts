// The Monaco editor of a playground: self-hosted (the page is cross-origin isolated, so no CDN), its workers
// bundled by Vite, the real types of the examples' dependencies from a static bundle made at build time
// (src/pages/playground/types/), and the site's light/dark theme. Loaded only when a reader engages.
import * as monaco from 'monaco-editor/editor/editor.main';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/language/typescript/ts.worker?worker';
import monacoCss from 'virtual:monaco-css';

if (!document.querySelector('style[data-monaco]')) {
  const style = document.createElement('style');
  style.dataset.monaco = '';
  style.textContent = monacoCss;
  document.head.append(style);
}

self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker(),
};

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
  /** The TypeScript problems of a file, for tests and the status line. */
  problems(path: string): { line: number; message: string }[];
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

const compilerOptions = {
  // Mirrors examples/tsconfig.base.json, so the editor flags what `tsc` and Node flag.
  target: 9 as monaco.typescript.ScriptTarget, // ES2022 (the enum in Monaco's typings stops at ES2020)
  module: 199 as monaco.typescript.ModuleKind, // NodeNext
  moduleResolution: 99 as monaco.typescript.ModuleResolutionKind, // NodeNext
  lib: ['es2023', 'dom'],
  strict: true,
  noEmit: true,
  allowImportingTsExtensions: true,
  verbatimModuleSyntax: true,
  erasableSyntaxOnly: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
};

let typesLoaded: Promise<void> | undefined;
const examplesLoaded = new Map<string, Promise<void>>();

async function fetchBundle(url: string): Promise<Record<string, string>> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as Record<string, string>;
}

/** Dependency types once per page, then each example's own files once (minus the files open as models). */
function loadTypes(base: string, example: string, openUris: Set<string>): Promise<void> {
  const defaults = monaco.typescript.typescriptDefaults;
  typesLoaded ??= fetchBundle(`${base}/playground/types/deps.json`).then((bundle) => {
    defaults.setExtraLibs(Object.entries(bundle).map(([filePath, content]) => ({ filePath, content })));
  });
  let exampleLoaded = examplesLoaded.get(example);
  if (!exampleLoaded) {
    exampleLoaded = Promise.all([typesLoaded, fetchBundle(`${base}/playground/types/${example}.json`)]).then(
      ([, bundle]) => {
        for (const [filePath, content] of Object.entries(bundle)) {
          if (!openUris.has(filePath)) defaults.addExtraLib(content, filePath);
        }
      },
    );
    examplesLoaded.set(example, exampleLoaded);
  }
  return exampleLoaded;
}

function isDark(): boolean {
  return document.documentElement.dataset.theme === 'dark';
}

export function createEditor(options: EditorOptions): PlaygroundEditor {
  const { host, example, files } = options;
  monaco.typescript.typescriptDefaults.setCompilerOptions(compilerOptions);
  // Every open file is known to the TypeScript worker, so imports between the tabs resolve.
  monaco.typescript.typescriptDefaults.setEagerModelSync(true);

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

  const openUris = new Set([...models.values()].map((model) => model.uri.toString()));
  loadTypes(options.base, example, openUris).catch((error: unknown) => {
    // The editor still works without IntelliSense; say so where a developer looks.
    console.warn('Playground: could not load the TypeScript types, IntelliSense is limited.', error);
  });

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
    dispose() {
      themeObserver.disconnect();
      editor.dispose();
    },
  };
}
