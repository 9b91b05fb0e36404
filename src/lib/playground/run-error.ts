// What the reader needs from a run that died of an uncaught error, first: the message, where in their own file
// (src/main.ts:3), and that line with Node's caret under it. Node prints all of it, but after the run's own
// paths (a temporary folder of the local runner, /home/…/examples/<pkg>/ in a WebContainer, whose runner has
// already mapped its JavaScript twins back to the .ts files) and before a stack of Node's internal frames.
//
//   file:///tmp/async-lab-runs/…/examples/00-hello-ts/src/main.ts:3      ← where
//   const x = ;                                                          ← the line
//             ^                                                          ← the spot
//
//   SyntaxError [ERR_INVALID_TYPESCRIPT_SYNTAX]: Expression expected     ← what
//       at parseTypeScript (node:internal/modules/typescript:72:36)     ← Node's internals: folded
//   …
//   Node.js v24.21.0

/**
 * Paths into the examples as the reader knows them: relative to the example package they are running
 * (`src/main.ts:3`), or `../<package>/…` for a sibling package (memory-redis, course-tools).
 */
export function readerPaths(text: string, example: string): string {
  if (!text.includes('/examples/')) return text;
  return text.replace(EXAMPLES_PATH, (_whole, pkg: string, rest: string) =>
    pkg === example ? rest : `../${pkg}/${rest}`,
  );
}

/** An absolute path (or file:// URL) into some examples/<package>/ folder, up to the end of the path. */
const EXAMPLES_PATH = /(?:file:\/\/)?\/[^\s'"()<>:]*?\/examples\/([\w@.-]+)\/([^\s'"()<>:]*)/g;

export interface RunError {
  /** "SyntaxError: Expression expected" (Node's internal error code dropped). */
  message: string;
  /** "src/main.ts:3", when the error is in the reader's code. */
  location?: string;
  /** The line Node showed, and its caret line. */
  source: string[];
  /** Stack frames in the reader's own files ("at main (src/main.ts:3:9)"). */
  frames: string[];
  /** Frames inside Node and the libraries, not shown. */
  folded: number;
}

/** An error headline as Node prints an uncaught error: "SyntaxError [ERR_X]: …", "Error: …", "TypeError: …". */
const ERROR_LINE = /^(?:Uncaught )?((?:[A-Z]\w*)?(?:Error|Exception))(?: \[[A-Z0-9_]+\])?: (.*)$/;
const FRAME = /^\s+at /;

/**
 * Finds the uncaught error a run ended with in its (plain, reader-path) output: the last error headline Node
 * printed, with the "where" header and source excerpt above it and the frames below. Undefined when the output
 * has none (the program exited with a code of its own).
 */
export function findRunError(output: string): RunError | undefined {
  const lines = output.replace(/\r\n/g, '\n').split('\n');
  let at = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (ERROR_LINE.test(lines[i]!)) {
      at = i;
      break;
    }
  }
  if (at === -1) return undefined;
  const [, name, text] = ERROR_LINE.exec(lines[at]!)!;
  const frames: string[] = [];
  let folded = 0;
  for (const line of lines.slice(at + 1)) {
    if (!FRAME.test(line)) {
      if (frames.length + folded > 0) break;
      continue;
    }
    if (isReaderFrame(line)) frames.push(line.trim());
    else folded++;
  }
  // Above the headline: "path:line", the source line, the caret (and a blank line).
  let location: string | undefined;
  let source: string[] = [];
  for (let i = at - 1; i >= Math.max(0, at - 6); i--) {
    const header = /^(\S+\.[cm]?[jt]sx?):(\d+)$/.exec(lines[i]!);
    if (!header) continue;
    if (!header[1]!.startsWith('node:') && !header[1]!.includes('node_modules/')) {
      location = `${header[1]}:${header[2]}`;
      source = lines.slice(i + 1, at).filter((line) => line.trim() !== '');
    }
    break;
  }
  // No header (an error thrown later, from a callback): the first frame in the reader's code says where.
  location ??= frames.map((frame) => /([^\s()]+\.[cm]?[jt]sx?:\d+)(?::\d+)?\)?$/.exec(frame)?.[1]).find(Boolean);
  return { message: `${name}: ${text}`, location, source, frames, folded };
}

/** A frame in the reader's package: a relative path, not Node's internals, a library, or a sibling package. */
function isReaderFrame(line: string): boolean {
  return !/node:|node_modules\/|\(\.\.\/|at \.\.\/|<anonymous>\)?$/.test(line) && /[\w-]+\/[^\s()]*:\d+/.test(line);
}
