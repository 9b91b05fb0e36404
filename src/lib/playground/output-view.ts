// Draws an OutputBuffer into the output panel, a frame at a time, so however fast a program prints (a million
// lines, a 10 MB line) no task of the page runs long and the page keeps answering:
// - each frame parses queued output for at most FRAME_BUDGET_MS, then adds lines for at most as long;
// - while output arrives faster than that (a flood), the panel shows only the newest lines, a few times a
//   second: laying out thousands of lines that the next frame replaces would be the page's biggest cost;
// - once the flood is over, the kept lines are added again from the first, a frame's budget at a time (added at
//   the end, the page lays out only the new lines; one swap of thousands would be one long layout).
import { styleToCss } from './ansi.ts';
import type { OutputBuffer, OutputLine } from './output-buffer.ts';

/** Milliseconds of a frame spent parsing queued output, then at most as many adding lines. */
export const FRAME_BUDGET_MS = 6;
/** During a flood: at most this many of the newest lines (and characters) are shown, this often. */
const FLOOD_TAIL_LINES = 200;
const FLOOD_TAIL_CHARS = 16_384;
const FLOOD_REDRAW_MS = 250;

export interface OutputView {
  /** Something changed in the buffer: catch up over the next frames. */
  schedule(): void;
  /** Resolves once everything queued is processed and shown (the status line waits for the final count). */
  settled(): Promise<void>;
}

export function createOutputView(container: HTMLElement, buffer: OutputBuffer): OutputView {
  const pre = container.querySelector('pre') ?? container.appendChild(document.createElement('pre'));
  let frame = 0;
  let live = false;
  /** The panel shows only the newest lines of a flood. */
  let tailOnly = false;
  let lastTail = -Infinity;
  let waiting: (() => void)[] = [];

  const step = (now: number) => {
    frame = 0;
    if (!live) {
      pre.replaceChildren(); // the recorded output goes once live output starts
      live = true;
    }
    const parseUntil = performance.now() + FRAME_BUDGET_MS;
    const flooding = buffer.process(() => performance.now() > parseUntil);
    let behind = false;
    if (flooding) {
      if (now - lastTail >= FLOOD_REDRAW_MS) {
        lastTail = now;
        tailOnly = true;
        pre.replaceChildren(...tail(buffer.lines()).map(lineElement));
        container.scrollTop = container.scrollHeight;
      }
    } else if (tailOnly) {
      tailOnly = false;
      pre.replaceChildren();
      behind = true;
    } else {
      const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 24;
      behind = draw(pre, buffer.lines(), performance.now() + FRAME_BUDGET_MS);
      if (atBottom) container.scrollTop = container.scrollHeight;
    }
    if (flooding || behind) {
      frame = requestAnimationFrame(step);
    } else {
      const done = waiting;
      waiting = [];
      done.forEach((resolve) => resolve());
    }
  };

  return {
    schedule() {
      frame ||= requestAnimationFrame(step);
    },
    settled() {
      if (!frame && !buffer.busy) return Promise.resolve();
      frame ||= requestAnimationFrame(step);
      return new Promise((resolve) => waiting.push(resolve));
    },
  };
}

/** The newest lines, within FLOOD_TAIL_LINES and FLOOD_TAIL_CHARS. */
function tail(lines: OutputLine[]): OutputLine[] {
  let chars = 0;
  let from = lines.length;
  while (from > 0 && lines.length - from < FLOOD_TAIL_LINES && chars < FLOOD_TAIL_CHARS) {
    from--;
    for (const segment of lines[from]!.segments) chars += segment.text.length;
  }
  return lines.slice(from);
}

/** Brings `pre`'s lines in line with `lines`; returns true when the deadline left some to add. */
function draw(pre: HTMLElement, lines: OutputLine[], deadline: number): boolean {
  const lastShown = pre.lastElementChild as HTMLElement | null;
  // Everything shown has been dropped since: start over rather than remove line by line.
  if (lastShown && Number(lastShown.dataset.id) < (lines[0]?.id ?? Infinity)) pre.replaceChildren();
  const kept = new Set(lines.map((line) => line.id));
  // Lines the buffer no longer keeps go: from the start (dropped) and from the end (the line being written,
  // or the pieces of a long line dropped whole).
  let first = pre.firstElementChild as HTMLElement | null;
  while (first && !kept.has(Number(first.dataset.id))) {
    first.remove();
    first = pre.firstElementChild as HTMLElement | null;
  }
  let last = pre.lastElementChild as HTMLElement | null;
  while (last && (last.dataset.partial || !kept.has(Number(last.dataset.id)))) {
    last.remove();
    last = pre.lastElementChild as HTMLElement | null;
  }
  const shownUpTo = last ? Number(last.dataset.id) : -1;
  const fragment = document.createDocumentFragment();
  let behind = false;
  for (const line of lines) {
    if (line.id <= shownUpTo) continue;
    if (performance.now() > deadline) {
      behind = true;
      break;
    }
    fragment.append(lineElement(line));
  }
  pre.append(fragment);
  return behind;
}

function lineElement(line: OutputLine): HTMLElement {
  const element = document.createElement('div');
  element.dataset.id = String(line.id);
  if (line.partial) element.dataset.partial = 'true';
  // The pieces of a long line flow on as one line.
  if (line.continues) element.style.display = 'inline';
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
