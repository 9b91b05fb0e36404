// In a WebContainer the examples run as JavaScript: every .ts file has a JavaScript twin beside it
// (src/main.ts → src/main.js) with its types stripped, so any Node from 18 on runs it without flags, loader
// hooks or type stripping of its own (Node 18 and 20 refuse .ts files in ESM). The reader still sees and edits
// the .ts file and the command the lesson shows; this module holds the naming rules that make that work, in one
// place, for the snapshot builder, the edits stripped in the page, the runner's commands and its output.
//
// Renaming keeps every length: ".ts" and ".js" are as long, so a stripped file keeps each line and column.

/** A TypeScript file Node's type stripping accepts, and the JavaScript extension of its twin. */
const TWIN_EXTENSION: Record<string, string> = { '.ts': '.js', '.mts': '.mjs', '.cts': '.cjs' };
const TYPESCRIPT_FILE = /\.([mc]?)ts$/;

/** True for a path the runner strips: src/main.ts, exercise/check.test.ts (not .d.ts: there is nothing to run). */
export function isTypeScriptPath(path: string): boolean {
  return TYPESCRIPT_FILE.test(path) && !/\.d\.[mc]?ts$/.test(path);
}

/** src/main.ts → src/main.js (.mts → .mjs, .cts → .cjs); any other path is returned as it is. */
export function jsTwinPath(path: string): string {
  if (!isTypeScriptPath(path)) return path;
  return path.replace(TYPESCRIPT_FILE, (extension) => TWIN_EXTENSION[extension]!);
}

/**
 * The reader's command as the container runs it: `node src/main.ts` → `node src/main.js`, and the same for
 * every argument that names a .ts file (`node ../course-tools/src/check-exercise.ts --solution`).
 */
export function containerCommand(argv: readonly string[]): string[] {
  return argv.map((arg, index) => (index > 0 && isPathArgument(arg) ? jsTwinPath(arg) : arg));
}

function isPathArgument(arg: string): boolean {
  return !arg.startsWith('-') && !/\s/.test(arg) && isTypeScriptPath(arg);
}

/**
 * A string or template literal whose whole text is a path to a TypeScript file: relative ('./greet.ts',
 * '../src/work-queue.ts', `./${dir}/load-dashboard.ts`) or naming a folder ('src/worker.ts',
 * 'exercise/check.test.ts'). No spaces, so prose that mentions a file ('see exercise/check.test.ts') is left
 * alone (outside a template literal's `${…}`, which may hold any expression).
 */
const SEGMENT = String.raw`[\w@$.-]+`;
const QUOTED_PATH = new RegExp(
  String.raw`(['"])((?:\.{1,2}/|${SEGMENT}/)(?:${SEGMENT}/)*${SEGMENT})\.([mc]?)ts\1`,
  'g',
);
/** A path component of a template literal: name characters and `${…}` substitutions, in any mix. */
const TEMPLATE_SEGMENT = String.raw`(?:\$\{[^}\`]*\}|[\w@$.-])+`;
const TEMPLATE_PATH = new RegExp(
  String.raw`\`((?:\.{1,2}/|${TEMPLATE_SEGMENT}/)(?:${TEMPLATE_SEGMENT}/)*${TEMPLATE_SEGMENT})\.([mc]?)ts\``,
  'g',
);

/**
 * Points the JavaScript twin at the other twins: module specifiers (static and dynamic imports,
 * `new URL('./x.ts', import.meta.url)`) and the paths an example hands to child processes or worker threads
 * (`spawn(process.execPath, ['src/worker.ts'])`). Run on code whose types are already stripped. Lengths are kept.
 */
export function pointAtJsTwins(code: string): string {
  return code
    .replace(QUOTED_PATH, (_, quote: string, stem: string, flavour: string) => `${quote}${stem}.${flavour}js${quote}`)
    .replace(TEMPLATE_PATH, (_, stem: string, flavour: string) => `\`${stem}.${flavour}js\``);
}
