// The parts of Monaco the playground's editor is made of. `monaco-editor`'s main entry brings every language
// (90 of them), the LSP client and every editor feature: 1.17 MB gzip before a single letter shows. A learner
// editing TypeScript needs the core editor, TypeScript's colours and the everyday features below, about 0.9 MB;
// TypeScript's language service (the worker, the types) follows once the editor is on screen
// (monaco-typescript.ts). Each import registers itself with the editor; editor features must be imported here,
// before the editor is created, since an editor picks up its features when it is made.
// Not folding: lesson files are short, and its gutter icons would fetch the icon font (150 KB) up front.
import { languages } from 'monaco-editor/editor/editor.api';
import { conf, language } from 'monaco-editor/languages/definitions/typescript/typescript';

export * from 'monaco-editor/editor/editor.api';

// Typing and moving around.
import 'monaco-editor/editor/browser/coreCommands';
import 'monaco-editor/editor/contrib/clipboard/browser/clipboard';
import 'monaco-editor/editor/contrib/cursorUndo/browser/cursorUndo';
import 'monaco-editor/editor/contrib/wordOperations/browser/wordOperations';
import 'monaco-editor/editor/contrib/linesOperations/browser/linesOperations';
import 'monaco-editor/editor/contrib/multicursor/browser/multicursor';
import 'monaco-editor/editor/contrib/comment/browser/comment';
import 'monaco-editor/editor/contrib/indentation/browser/indentation';
import 'monaco-editor/editor/contrib/bracketMatching/browser/bracketMatching';
import 'monaco-editor/editor/contrib/wordHighlighter/browser/wordHighlighter';
import 'monaco-editor/editor/contrib/find/browser/findController';
import 'monaco-editor/editor/contrib/contextmenu/browser/contextmenu';
import 'monaco-editor/editor/contrib/tokenization/browser/tokenization';

// What TypeScript's language service shows once it is there: suggestions, signatures, hovers with errors and
// types, quick fixes, F8 to the next problem, go to definition.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController';
import 'monaco-editor/editor/contrib/snippet/browser/snippetController2';
import 'monaco-editor/editor/contrib/parameterHints/browser/parameterHints';
import 'monaco-editor/editor/contrib/hover/browser/hoverContribution';
import 'monaco-editor/editor/contrib/codeAction/browser/codeActionContributions';
import 'monaco-editor/editor/contrib/gotoError/browser/gotoError';
import 'monaco-editor/editor/contrib/gotoSymbol/browser/goToCommands';
import 'monaco-editor/editor/contrib/gotoSymbol/browser/link/goToDefinitionAtPosition';

// TypeScript's colours from the start: the Monarch grammar (2 KB), registered at once rather than on demand.
languages.register({ id: 'typescript', extensions: ['.ts', '.mts', '.cts'], aliases: ['TypeScript', 'ts'] });
languages.setMonarchTokensProvider('typescript', language);
languages.setLanguageConfiguration('typescript', conf);
