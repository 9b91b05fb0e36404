// A small ANSI SGR parser: turns terminal output into styled segments, for the DOM (live runs) and for HTML
// (recorded output rendered at build time). Why not xterm.js: @xterm/xterm 6.0.0 is 88,508 B gzip of JS plus
// 2,519 B of CSS (measured: `gzip -6` of lib/xterm.mjs and css/xterm.css), more than the whole 60 KB page
// budget, and it cannot render at build time. Our programs print lines with colours, never cursor movement,
// so colours, bold/dim/italic/underline and erasing the rest of the escape codes is all a run needs.

export interface AnsiStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
  inverse?: boolean;
}

export interface AnsiSegment {
  text: string;
  style: AnsiStyle;
}

/** The 16 basic colours as CSS custom properties, so the theme (light/dark) decides the actual colour. */
const basicColours = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

function basicColour(index: number, bright: boolean): string {
  return `var(--pg-ansi-${bright ? 'bright-' : ''}${basicColours[index]})`;
}

function colour256(n: number): string | undefined {
  if (!Number.isInteger(n) || n < 0 || n > 255) return undefined;
  if (n < 8) return basicColour(n, false);
  if (n < 16) return basicColour(n - 8, true);
  if (n >= 232) {
    const level = 8 + (n - 232) * 10;
    return `rgb(${level},${level},${level})`;
  }
  const cube = n - 16;
  const steps = [0, 95, 135, 175, 215, 255];
  return `rgb(${steps[Math.floor(cube / 36)]},${steps[Math.floor(cube / 6) % 6]},${steps[cube % 6]})`;
}

/** Applies one SGR parameter list (the numbers between ESC[ and m) to a style. */
function applySgr(style: AnsiStyle, params: number[]): AnsiStyle {
  const next: AnsiStyle = { ...style };
  if (params.length === 0) params = [0];
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p === 0) {
      for (const key of Object.keys(next)) delete next[key as keyof AnsiStyle];
    } else if (p === 1) next.bold = true;
    else if (p === 2) next.dim = true;
    else if (p === 3) next.italic = true;
    else if (p === 4) next.underline = true;
    else if (p === 7) next.inverse = true;
    else if (p === 22) (delete next.bold, delete next.dim);
    else if (p === 23) delete next.italic;
    else if (p === 24) delete next.underline;
    else if (p === 27) delete next.inverse;
    else if (p >= 30 && p <= 37) next.fg = basicColour(p - 30, false);
    else if (p === 39) delete next.fg;
    else if (p >= 40 && p <= 47) next.bg = basicColour(p - 40, false);
    else if (p === 49) delete next.bg;
    else if (p >= 90 && p <= 97) next.fg = basicColour(p - 90, true);
    else if (p >= 100 && p <= 107) next.bg = basicColour(p - 100, true);
    else if (p === 38 || p === 48) {
      // 38;5;n (256 colours) or 38;2;r;g;b (true colour)
      let colour: string | undefined;
      if (params[i + 1] === 5) {
        colour = colour256(params[i + 2]!);
        i += 2;
      } else if (params[i + 1] === 2) {
        const [r, g, b] = params.slice(i + 2, i + 5);
        if ([r, g, b].every((c) => c !== undefined && c >= 0 && c <= 255)) colour = `rgb(${r},${g},${b})`;
        i += 4;
      }
      if (colour) next[p === 38 ? 'fg' : 'bg'] = colour;
    }
  }
  return next;
}

// CSI sequences (ESC [ … final byte) and OSC sequences (ESC ] … BEL or ESC \), plus lone ESC + one char.
// eslint-disable-next-line no-control-regex
const escape = /\u001b\[([0-9;?]*)([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

/**
 * Parses text with ANSI escapes, starting from `style` (the style left by the previous chunk of the same
 * stream), and returns the segments plus the style to carry into the next chunk.
 */
export function parseAnsi(text: string, style: AnsiStyle = {}): { segments: AnsiSegment[]; style: AnsiStyle } {
  const segments: AnsiSegment[] = [];
  let current = style;
  let last = 0;
  for (const match of text.matchAll(escape)) {
    if (match.index > last) segments.push({ text: text.slice(last, match.index), style: current });
    if (match[2] === 'm') {
      const params = match[1]!.split(';').map((p) => (p === '' ? 0 : Number(p)));
      current = applySgr(current, params);
    }
    last = match.index + match[0].length;
  }
  if (last < text.length) segments.push({ text: text.slice(last), style: current });
  return { segments, style: current };
}

/** Removes every escape sequence: for copying output as plain text and for matching it in tests. */
export function stripAnsi(text: string): string {
  return text.replace(escape, '');
}

/** Inline CSS for one style; empty when the segment is plain. */
export function styleToCss(style: AnsiStyle): string {
  let fg = style.fg;
  let bg = style.bg;
  if (style.inverse) [fg, bg] = [bg ?? 'var(--pg-output-bg)', fg ?? 'var(--pg-output-fg)'];
  const css: string[] = [];
  if (fg) css.push(`color:${fg}`);
  if (bg) css.push(`background:${bg}`);
  if (style.bold) css.push('font-weight:bold');
  if (style.dim) css.push('opacity:.7');
  if (style.italic) css.push('font-style:italic');
  if (style.underline) css.push('text-decoration:underline');
  return css.join(';');
}

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => htmlEscapes[c]!);
}

/** Renders terminal text as HTML spans (build time: recorded output). */
export function ansiToHtml(text: string): string {
  return parseAnsi(text)
    .segments.map(({ text, style }) => {
      const css = styleToCss(style);
      return css ? `<span style="${css}">${escapeHtml(text)}</span>` : escapeHtml(text);
    })
    .join('');
}
