// Draws an OutputBuffer into the output panel, a frame at a time, so however fast a program prints (a million
// lines, a 10 MB line) no task of the page runs long and the page keeps answering:
// - each frame parses queued output until a deadline FRAME_BUDGET_MS away, then adds lines until another;
// - the browser then lays out and paints what was added, work our clock cannot see: so a frame also adds at
//   most FRAME_MAX_LINES lines and FRAME_MAX_CHARS characters, and nothing here reads the layout after changing
//   the page (that would force the layout inside our script). Where the panel is scrolled is read, and the
//   panel kept at its bottom, at the start of the next frame, when the layout is already done;
// - while output arrives faster than that (a flood), the panel shows only the newest lines, a few times a
//   second: laying out thousands of lines that the next frame replaces would be the page's biggest cost;
// - once the flood is over, the kept lines are added again from the first, a frame's budget at a time;
// - the pieces of a long line (output-buffer.ts) are boxes of their own, one after the other: one line of
//   500,000 characters is one text layout that grows, and is done again, with every piece. They stay inline
//   boxes so that copying the output gives the line back whole; when the line's start is no longer kept, its
//   first piece says how many characters went;
// - lines are grouped in blocks of about CHUNK_LINES: adding lines then lays out a few dozen blocks, not every
//   one of thousands of lines (that grew each frame's layout with the number of lines shown).
import { styleToCss } from './ansi.ts';
import type { OutputBuffer, OutputLine } from './output-buffer.ts';

/** Milliseconds of a frame spent parsing queued output, then at most as many adding lines. */
export const FRAME_BUDGET_MS = 6;
/** Lines and characters added in one frame, at most (the layout that follows grows with them). */
export const FRAME_MAX_LINES = 100;
export const FRAME_MAX_CHARS = 16_384;
/** During a flood the newest lines are shown this often (within the frame's limits above). */
const FLOOD_REDRAW_MS = 250;
/** Scrolled to within this many pixels of the bottom, the panel follows new output. */
const STICK_PX = 24;
/** Lines per block (a long line's pieces are never split between two blocks, so a copy keeps the line whole). */
const CHUNK_LINES = 100;

export interface OutputViewOptions {
  /** The text shown before a long line whose first `chars` characters are no longer kept. */
  lineCut?: (chars: number) => string;
  /** The clock that deadlines are measured by (tests inject their own). */
  now?: () => number;
  requestFrame?: (step: (now: number) => void) => number;
}

export interface OutputView {
  /** Something changed in the buffer: catch up over the next frames. */
  schedule(): void;
  /** Resolves once everything queued is processed and shown (the status line waits for the final count). */
  settled(): Promise<void>;
}

export function createOutputView(
  container: HTMLElement,
  buffer: OutputBuffer,
  {
    lineCut = (chars) => `… ${chars}`,
    now: clock = () => performance.now(),
    requestFrame = (step) => requestAnimationFrame(step),
  }: OutputViewOptions = {},
): OutputView {
  const pre = container.querySelector('pre') ?? container.appendChild(document.createElement('pre'));
  let frame = 0;
  let live = false;
  /** The panel shows only the newest lines of a flood. */
  let tailOnly = false;
  let lastTail = -Infinity;
  /** Lines were added last frame while the panel was at its bottom: it scrolls down to them this frame. */
  let follow = false;
  let waiting: (() => void)[] = [];

  const step = (now: number) => {
    frame = 0;
    // The layout is up to date here (the browser has just drawn the last frame): reading it costs nothing.
    if (follow) container.scrollTop = container.scrollHeight;
    // A run's first frame follows its output from the start.
    const atBottom = !live || container.scrollHeight - container.scrollTop - container.clientHeight < STICK_PX;
    if (!live) {
      pre.replaceChildren(); // the recorded output goes once live output starts
      live = true;
    }
    const parseUntil = clock() + FRAME_BUDGET_MS;
    const flooding = buffer.process(() => clock() > parseUntil);
    let changed = false;
    let behind = false;
    if (flooding) {
      if (now - lastTail >= FLOOD_REDRAW_MS) {
        lastTail = now;
        tailOnly = true;
        pre.replaceChildren();
        appendLines(pre, tail(buffer.lines()).map(lineElement));
        changed = true;
      }
    } else if (tailOnly) {
      tailOnly = false;
      pre.replaceChildren();
      changed = behind = true;
    } else {
      const drawn = draw(pre, buffer.lines(), { deadline: clock() + FRAME_BUDGET_MS, now: clock }, lineCut);
      changed = drawn.changed;
      behind = drawn.behind;
    }
    // A flood shows its newest lines: at the bottom.
    follow = changed && (atBottom || tailOnly);
    // One more frame after a change scrolls to it (and settles only then).
    if (flooding || behind || follow) {
      frame = requestFrame(step);
    } else {
      const done = waiting;
      waiting = [];
      done.forEach((resolve) => resolve());
    }
  };

  return {
    schedule() {
      frame ||= requestFrame(step);
    },
    settled() {
      if (!frame && !buffer.busy) return Promise.resolve();
      frame ||= requestFrame(step);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}

export interface FrameBudget {
  /** Time (on `now`'s clock) after which no more lines are made. */
  deadline: number;
  now: () => number;
  maxLines?: number;
  maxChars?: number;
}

/**
 * The lines to add after the one shown last (`shownUpTo`, an id; -1 for none), oldest first, until the
 * frame's budget is spent: its deadline, its number of lines or of characters. At least one line, so the view
 * always moves on. `behind`: lines are left for later frames.
 */
export function linesToAdd(
  lines: readonly OutputLine[],
  shownUpTo: number,
  { deadline, now, maxLines = FRAME_MAX_LINES, maxChars = FRAME_MAX_CHARS }: FrameBudget,
): { add: OutputLine[]; behind: boolean } {
  let from = lines.findIndex((line) => line.id > shownUpTo);
  if (from === -1) from = lines.length;
  const add: OutputLine[] = [];
  let chars = 0;
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    const size = lineLength(line);
    if (add.length > 0 && (add.length >= maxLines || chars + size > maxChars || now() > deadline)) {
      return { add, behind: true };
    }
    add.push(line);
    chars += size;
  }
  return { add, behind: false };
}

/** The newest lines that one frame may add (FRAME_MAX_LINES, FRAME_MAX_CHARS): what a flood shows. */
export function tail(lines: readonly OutputLine[]): OutputLine[] {
  let chars = 0;
  let from = lines.length;
  while (from > 0 && lines.length - from < FRAME_MAX_LINES) {
    const size = lineLength(lines[from - 1]!);
    if (from < lines.length && chars + size > FRAME_MAX_CHARS) break;
    chars += size;
    from--;
  }
  return lines.slice(from);
}

/** Brings `pre`'s lines in line with `lines`, within the frame's budget. */
function draw(
  pre: HTMLElement,
  lines: OutputLine[],
  budget: FrameBudget,
  lineCut: (chars: number) => string,
): { changed: boolean; behind: boolean } {
  let changed = false;
  const lastShown = lastLine(pre);
  // Everything shown has been dropped since: start over rather than remove line by line.
  if (lastShown && Number(lastShown.dataset.id) < (lines[0]?.id ?? Infinity)) {
    pre.replaceChildren();
    changed = true;
  }
  // Lines the buffer no longer keeps go: from the start (dropped) and from the end (the line being written,
  // or the pieces of a long line dropped whole). Blocks whose lines are all older than the oldest kept go whole
  // (a burst of output drops thousands of lines at once).
  const kept = new Set(lines.map((line) => line.id));
  const oldestKept = lines[0]?.id ?? Infinity;
  let chunk = pre.firstElementChild as HTMLElement | null;
  while (chunk && Number((chunk.lastElementChild as HTMLElement | null)?.dataset.id) < oldestKept) {
    chunk.remove();
    changed = true;
    chunk = pre.firstElementChild as HTMLElement | null;
  }
  let first = firstLine(pre);
  while (first && !kept.has(Number(first.dataset.id))) {
    removeLine(first);
    changed = true;
    first = firstLine(pre);
  }
  // The line being written is drawn again only when it grew (or ended): a program that prints a prompt and
  // waits must not keep the view drawing frames.
  const open = lines.at(-1)?.partial ? lines.at(-1) : undefined;
  let last = lastLine(pre);
  while (
    last &&
    (!kept.has(Number(last.dataset.id)) ||
      (last.dataset.partial &&
        !(open && Number(last.dataset.id) === open.id && Number(last.dataset.size) === lineLength(open))))
  ) {
    removeLine(last);
    changed = true;
    last = lastLine(pre);
  }
  const { add, behind } = linesToAdd(lines, last ? Number(last.dataset.id) : -1, budget);
  if (add.length > 0) {
    appendLines(pre, add.map(lineElement));
    changed = true;
  }
  // The oldest kept line may be the end of a long line whose start went: say so on its first piece shown.
  const head = lines[0];
  const shownHead = firstLine(pre);
  if (head?.start && shownHead && Number(shownHead.dataset.id) === head.id && !shownHead.dataset.cut) {
    shownHead.dataset.cut = lineCut(head.start);
  }
  return { changed, behind };
}

function lineElement(line: OutputLine): HTMLElement {
  const element = document.createElement('div');
  element.dataset.id = String(line.id);
  if (line.partial) {
    element.dataset.partial = 'true';
    element.dataset.size = String(lineLength(line));
  }
  // A piece of a long line (see the header): a box of its own, inline so the line copies whole.
  if (line.continues || line.start) element.className = 'pg-piece';
  if (line.continues) element.dataset.continues = 'true';
  for (const segment of line.segments) {
    const css = styleToCss(segment.style);
    if (!css) {
      element.append(segment.text);
      continue;
    }
    const span = document.createElement('span');
    span.style.cssText = css;
    span.textContent = segment.text;
    element.append(span);
  }
  // An empty line still takes a line's height.
  if (!element.firstChild) element.append('\n');
  return element;
}

function firstLine(pre: HTMLElement): HTMLElement | null {
  return (pre.firstElementChild?.firstElementChild as HTMLElement | null | undefined) ?? null;
}

function lastLine(pre: HTMLElement): HTMLElement | null {
  return (pre.lastElementChild?.lastElementChild as HTMLElement | null | undefined) ?? null;
}

function removeLine(line: HTMLElement): void {
  const chunk = line.parentElement!;
  line.remove();
  if (!chunk.firstElementChild) chunk.remove();
}

/** Adds line elements at the end, in the last block while it has room (or ends inside a long line). */
function appendLines(pre: HTMLElement, elements: HTMLElement[]): void {
  let chunk = pre.lastElementChild as HTMLElement | null;
  for (const element of elements) {
    const lastInChunk = chunk?.lastElementChild as HTMLElement | null | undefined;
    if (!chunk || (chunk.childElementCount >= CHUNK_LINES && !lastInChunk?.dataset.continues)) {
      chunk = pre.appendChild(document.createElement('div'));
      chunk.className = 'pg-chunk';
    }
    chunk.append(element);
  }
}

function lineLength(line: OutputLine): number {
  let n = 0;
  for (const segment of line.segments) n += segment.text.length;
  return n;
}
