// Draws an OutputBuffer into the output panel at most once per animation frame, touching only the lines that
// changed: output can arrive far faster than the page can paint, and the buffer already caps what is kept.
import { styleToCss } from './ansi.ts';
import type { OutputBuffer, OutputLine } from './output-buffer.ts';

export interface OutputView {
  /** Something changed in the buffer: redraw on the next frame. */
  schedule(): void;
  /** Redraw now (tests, and the end of a run). */
  render(): void;
}

export function createOutputView(container: HTMLElement, buffer: OutputBuffer): OutputView {
  const pre = container.querySelector('pre') ?? container.appendChild(document.createElement('pre'));
  let frame = 0;
  let live = false;

  const render = () => {
    frame = 0;
    if (!live) {
      pre.replaceChildren(); // the recorded output goes once live output starts
      live = true;
    }
    const atBottom = container.scrollHeight - container.scrollTop - container.clientHeight < 24;
    const lines = buffer.lines();
    const firstKept = lines[0]?.id ?? Infinity;
    let last = pre.lastElementChild as HTMLElement | null;
    if (last?.dataset.partial) {
      last.remove();
      last = pre.lastElementChild as HTMLElement | null;
    }
    const lastShown = last ? Number(last.dataset.id) : -1;
    if (lines.length === 0 || lastShown < firstKept - 1 || lastShown >= (lines.at(-1)?.id ?? -1) + 1) {
      pre.replaceChildren(); // cleared, or everything shown scrolled out of the cap: start over
    } else {
      let first = pre.firstElementChild as HTMLElement | null;
      while (first && Number(first.dataset.id) < firstKept) {
        first.remove();
        first = pre.firstElementChild as HTMLElement | null;
      }
    }
    const shownUpTo = pre.lastElementChild ? Number((pre.lastElementChild as HTMLElement).dataset.id) : -1;
    const fragment = document.createDocumentFragment();
    for (const line of lines) if (line.id > shownUpTo) fragment.append(lineElement(line));
    pre.append(fragment);
    if (atBottom) container.scrollTop = container.scrollHeight;
  };

  return {
    schedule() {
      frame ||= requestAnimationFrame(render);
    },
    render() {
      if (frame) cancelAnimationFrame(frame);
      render();
    },
  };
}

function lineElement(line: OutputLine): HTMLElement {
  const element = document.createElement('div');
  element.dataset.id = String(line.id);
  if (line.partial) element.dataset.partial = 'true';
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
