// What a run prints in the container names the JavaScript twins the container runs (see js-twin.ts), e.g.
//   file:///home/async-lab/examples/05-queue-basics/src/add-demo.js:12:9
// and the reader knows the .ts file. This maps every absolute path of a .js/.mjs/.cjs file under the container's
// examples/ folder, outside node_modules, back to its .ts name, keeping line and column, which stripping kept too.
// (A page script an example serves to the browser, a .js of its own, would be renamed as well if a program printed
// its path; Node's stack traces never name it.)
//   file:///home/async-lab/examples/05-queue-basics/src/add-demo.ts:12:9
// Paths relative to an example (the exercise checker prints them: exercise/starter/add.ts:2) are already .ts.
//
// Output arrives in chunks that may cut a path in two, so the end of a chunk that could still be the start of a
// path is held back until the next chunk, the end of the run, or `holdMs` (prompts must not wait).

export interface ReaderPathMapper {
  push(text: string): void;
  /** The run ended: whatever was held back is passed on. */
  flush(): void;
}

export function createReaderPathMapper(
  examplesRoot: string,
  emit: (text: string) => void,
  holdMs = 200,
): ReaderPathMapper {
  const root = examplesRoot.replace(/\/+$/, '');
  // Node colours the part of a stack frame's path that is the working directory (FORCE_COLOR is on), so a
  // colour code can sit inside the path: "file:///…/examples/00-hello-ts/\x1b[39msrc/main.js:2:7".
  const part = String.raw`(?:[\w@$.\-/]|\x1b\[[0-9;]*m)`;
  const twin = new RegExp(`(${escapeRegExp(root)}/${part}*?)\\.([mc]?)js(?![\\w@$.\\-/])`, 'g');
  const map = (text: string) =>
    text.includes(root)
      ? text.replace(twin, (path: string, stem: string, flavour: string) =>
          stem.includes('/node_modules/') ? path : `${stem}.${flavour}ts`,
        )
      : text;
  let held = '';
  let timer: ReturnType<typeof setTimeout> | undefined;
  const release = () => {
    clearTimeout(timer);
    timer = undefined;
    if (held) emit(map(held));
    held = '';
  };
  return {
    push(text) {
      const all = held + text;
      held = '';
      clearTimeout(timer);
      // The last line, if unfinished and possibly a path in the making, waits for what follows.
      const lineStart = all.lastIndexOf('\n') + 1;
      const tail = all.slice(lineStart);
      const keep = tail.includes('/') && !/\s$/.test(tail) ? tail : '';
      const ready = all.slice(0, all.length - keep.length);
      if (ready) emit(map(ready));
      if (keep) {
        held = keep;
        timer = setTimeout(release, holdMs);
      }
    },
    flush: release,
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
