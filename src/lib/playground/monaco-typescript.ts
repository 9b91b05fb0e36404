// TypeScript's language service for the playground's editor, loaded once the editor is on screen: squiggles,
// hovers with types and errors, suggestions and quick fixes, with the real types of the examples' dependencies
// (bundles made at build time, src/pages/playground/types/). It starts the TypeScript worker (the compiler,
// 1.5 MB gzip) and fetches the types (0.7 MB), so it comes after the editor, never before (see monaco-editor.ts).
import type { Uri, editor } from 'monaco-editor/editor/editor.api';
import * as typescript from 'monaco-editor/languages/features/typescript/register';
import { setupTypeScript } from 'monaco-editor/languages/features/typescript/tsMode';

const compilerOptions: typescript.CompilerOptions = {
  // Mirrors examples/tsconfig.base.json, so the editor flags what `tsc` and Node flag.
  target: 9 as typescript.ScriptTarget, // ES2022 (the enum in Monaco's typings stops at ES2020)
  module: 199 as typescript.ModuleKind, // NodeNext
  moduleResolution: 99 as typescript.ModuleResolutionKind, // NodeNext
  lib: ['es2023', 'dom'],
  strict: true,
  noEmit: true,
  allowImportingTsExtensions: true,
  verbatimModuleSyntax: true,
  erasableSyntaxOnly: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
};

export interface TypeError {
  path: string;
  line: number;
  message: string;
}

const defaults = typescript.typescriptDefaults;
defaults.setCompilerOptions(compilerOptions);
// Every open file is known to the TypeScript worker, so imports between the tabs resolve.
defaults.setEagerModelSync(true);
// Monaco's own registration starts the language service when the first TypeScript model appears; the editor's
// models exist before this module loads, so it is started here, once for the page.
setupTypeScript(defaults);

let dependencyTypes: Promise<void> | undefined;
const exampleTypes = new Map<string, Promise<void>>();

async function fetchBundle(url: string): Promise<Record<string, string>> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return (await response.json()) as Record<string, string>;
}

/** Dependency types once per page, then each example's own files once (minus the files open as models). */
export function loadTypes(base: string, example: string, openUris: ReadonlySet<string>): Promise<void> {
  dependencyTypes ??= fetchBundle(`${base}/playground/types/deps.json`).then((bundle) => {
    defaults.setExtraLibs(Object.entries(bundle).map(([filePath, content]) => ({ filePath, content })));
  });
  let loaded = exampleTypes.get(example);
  if (!loaded) {
    loaded = Promise.all([dependencyTypes, fetchBundle(`${base}/playground/types/${example}.json`)]).then(
      ([, bundle]) => {
        for (const [filePath, content] of Object.entries(bundle)) {
          if (!openUris.has(filePath)) defaults.addExtraLib(content, filePath);
        }
      },
    );
    exampleTypes.set(example, loaded);
  }
  return loaded;
}

/** Asks the TypeScript worker for the errors of these files (what `tsc` would report for them). */
export async function typeErrors(models: ReadonlyMap<string, editor.ITextModel>): Promise<TypeError[]> {
  const client = await workerFor([...models.values()].map((model) => model.uri));
  const errors: TypeError[] = [];
  for (const [path, model] of models) {
    const uri = model.uri.toString();
    const found = [...(await client.getSyntacticDiagnostics(uri)), ...(await client.getSemanticDiagnostics(uri))];
    for (const diagnostic of found) {
      if (diagnostic.category !== 1) continue; // errors, as the editor's red squiggles
      errors.push({
        path,
        line: model.getPositionAt(diagnostic.start ?? 0).lineNumber,
        message: flatten(diagnostic.messageText),
      });
    }
  }
  return errors;
}

async function workerFor(uris: Uri[]): Promise<typescript.TypeScriptWorker> {
  const getWorker = await typescript.getTypeScriptWorker();
  return getWorker(...uris);
}

type DiagnosticMessage = string | { messageText: string; next?: DiagnosticMessage[] };

function flatten(message: DiagnosticMessage): string {
  if (typeof message === 'string') return message;
  return [message.messageText, ...(message.next ?? []).map(flatten)].join(' ');
}
