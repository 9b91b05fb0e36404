// Terminal output → styled text, for the DOM (live runs) and for HTML (recorded output rendered at build time).
//
// A streaming parser after the VT500 state machine (vt100.net/emu/dec_ansi_parser, which xterm.js follows too):
// every escape sequence is consumed whole, whatever it holds — CSI (`ESC [` params, intermediates, final byte),
// OSC (`ESC ]` … BEL or ST), DCS/SOS/PM/APC (`ESC P` / `X` / `^` / `_` … ST), two- and three-byte escapes, and
// their 8-bit C1 forms — and a sequence split across chunks is continued by the next one. Only SGR (colours,
// bold/dim/italic/underline/inverse) is rendered; our programs print lines, never cursor movement. Other C0/C1
// controls (BEL, backspace…) are dropped; tab and newline stay. What is kept of a sequence is capped (CSI
// parameters at MAX_PARAMS_LENGTH, strings at MAX_STRING_LENGTH), so a huge or unterminated escape costs no
// memory and cannot swallow the rest of the output for good.
//
// Why our own: xterm.js (@xterm/xterm 6.0.0) is 88,508 B gzip of JS, more than a lesson page's whole budget, and
// cannot render at build time. The small libraries do not handle these cases (checked with ansi_up 6.0.6 and
// anser 2.3.5): both print DCS/SOS/PM/APC payloads as text; on `ESC[38;2;999;-1;abcm` anser prints the
// parameters and ansi_up drops the text after it; on a sequence cut short ansi_up swallows what follows.

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

/** Parameter bytes kept of one CSI; beyond this the sequence is still consumed to its end, but not applied. */
export const MAX_PARAMS_LENGTH = 256;
/** Characters of one OSC/DCS/SOS/PM/APC payload swallowed before the parser gives up on its terminator. */
export const MAX_STRING_LENGTH = 65_536;

type State = 'ground' | 'escape' | 'escape-intermediate' | 'csi' | 'csi-intermediate' | 'csi-ignore' | 'string';

const ESC = 0x1b;
const BEL = 0x07;
const CAN = 0x18;
const SUB = 0x1a;

/** One stream's parser: feed it chunks in order; it carries the style and any unfinished escape between them. */
export class AnsiParser {
  style: AnsiStyle;
  #state: State = 'ground';
  #params = '';
  #paramsOverflow = false;
  #privateOrIntermediate = false;
  /** The string being swallowed is an OSC (BEL ends it too). */
  #osc = false;
  #stringLength = 0;

  constructor(style: AnsiStyle = {}) {
    this.style = style;
  }

  /** True while an escape sequence is open (its end has not arrived yet). */
  get inEscape(): boolean {
    return this.#state !== 'ground';
  }

  /**
   * Parses `text`, reporting each run of printable text with its style through `onText` (omit it to only
   * follow the state, e.g. for output that will not be shown). Runs may contain "\n" and "\t".
   */
  write(text: string, onText?: (text: string, style: AnsiStyle) => void): void {
    this.#scan(text, onText && ((from, to) => onText(text.slice(from, to), this.style)));
  }

  /**
   * Follows the state through text that will not be shown, and returns how many newlines its printable text
   * holds (the lines it ends): like write(), without making a string of each run.
   */
  follow(text: string): number {
    let newlines = 0;
    // The next newline at or after the run (-1: none left), remembered so the text is searched once overall.
    let next = -2;
    this.#scan(text, (from, to) => {
      if (next !== -1 && next < from) next = text.indexOf('\n', from);
      while (next !== -1 && next < to) {
        newlines++;
        next = text.indexOf('\n', next + 1);
      }
    });
    return newlines;
  }

  /** The state machine: reports each run of printable text as its range in `text`. */
  #scan(text: string, onRun?: (from: number, to: number) => void): void {
    const length = text.length;
    let i = 0;
    while (i < length) {
      if (this.#state === 'ground') {
        // Fast path: plain text up to the next control character is one run.
        let end = i;
        while (end < length) {
          const c = text.charCodeAt(end);
          if (c < 0x20 ? c !== 0x0a && c !== 0x09 : c === 0x7f || (c >= 0x80 && c <= 0x9f)) break;
          end++;
        }
        if (end > i) onRun?.(i, end);
        if (end === length) return;
        this.#control(text.charCodeAt(end));
        i = end + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      i++;
      // Wherever we are, ESC starts a new sequence and CAN/SUB cancel the current one; C1 codes act like theirs.
      if (c === ESC || c === CAN || c === SUB || (c >= 0x80 && c <= 0x9f)) {
        if (this.#state === 'string' && this.#osc && c === 0x9c) this.#state = 'ground';
        else this.#control(c);
        continue;
      }
      if (this.#state === 'string') {
        if (c === BEL && this.#osc) this.#state = 'ground';
        else if (++this.#stringLength > MAX_STRING_LENGTH) this.#state = 'ground';
        continue;
      }
      if (c < 0x20) {
        // C0 controls inside a sequence take effect and the sequence goes on (a newline still ends a line).
        if (c === 0x0a || c === 0x09) onRun?.(i - 1, i);
        continue;
      }
      if (c === 0x7f) continue;
      if (c > 0x7e) {
        // Not part of any sequence (say a U+FFFD from a broken UTF-8 byte): the sequence ends, the text shows.
        this.#state = 'ground';
        i--;
        continue;
      }
      this.#byte(c, text, i - 1);
    }
  }

  /** A control character met in ground (or anywhere, for ESC, CAN, SUB and C1). */
  #control(c: number): void {
    switch (c) {
      case ESC:
        this.#state = 'escape';
        break;
      case 0x9b: // CSI
        this.#enterCsi();
        break;
      case 0x9d: // OSC
        this.#enterString(true);
        break;
      case 0x90: // DCS
      case 0x98: // SOS
      case 0x9e: // PM
      case 0x9f: // APC
        this.#enterString(false);
        break;
      default:
        // CAN, SUB, ST and every other control: ends whatever sequence was open and shows nothing.
        this.#state = 'ground';
    }
  }

  /** A byte from 0x20 to 0x7e while a sequence is open. */
  #byte(c: number, text: string, at: number): void {
    switch (this.#state) {
      case 'escape':
        if (c === 0x5b)
          this.#enterCsi(); // [
        else if (c === 0x5d)
          this.#enterString(true); // ]
        else if (c === 0x50 || c === 0x58 || c === 0x5e || c === 0x5f)
          this.#enterString(false); // P X ^ _
        else if (c <= 0x2f) this.#state = 'escape-intermediate';
        else this.#state = 'ground'; // a two-byte escape (ESC 7, ESC M, ESC \ …): done
        return;
      case 'escape-intermediate':
        if (c >= 0x30) this.#state = 'ground';
        return;
      case 'csi':
        if (c <= 0x2f) {
          this.#privateOrIntermediate = true;
          this.#state = 'csi-intermediate';
        } else if (c <= 0x3f) {
          // Private markers (< = > ?) belong at the start only.
          if (c >= 0x3c && this.#params !== '') this.#state = 'csi-ignore';
          else if (c >= 0x3c) this.#privateOrIntermediate = true;
          else if (this.#params.length < MAX_PARAMS_LENGTH) this.#params += text[at];
          else this.#paramsOverflow = true;
        } else {
          this.#dispatchCsi(c);
        }
        return;
      case 'csi-intermediate':
        if (c >= 0x40) this.#state = 'ground';
        else if (c >= 0x30) this.#state = 'csi-ignore';
        return;
      case 'csi-ignore':
        if (c >= 0x40) this.#state = 'ground';
        return;
    }
  }

  #enterCsi(): void {
    this.#state = 'csi';
    this.#params = '';
    this.#paramsOverflow = false;
    this.#privateOrIntermediate = false;
  }

  #enterString(osc: boolean): void {
    this.#state = 'string';
    this.#osc = osc;
    this.#stringLength = 0;
  }

  #dispatchCsi(final: number): void {
    this.#state = 'ground';
    // SGR is "CSI params m" with plain numbers; anything else (cursor moves, private modes, colon sub-parameters,
    // or parameters too long to keep) changes nothing we draw.
    if (final !== 0x6d || this.#privateOrIntermediate || this.#paramsOverflow || !/^[0-9;]*$/.test(this.#params)) {
      return;
    }
    this.style = sgr(this.style, this.#params);
  }
}

// Programs repeat the same few colour changes on every line; styles are interned (equal styles are the same
// object) and each (style, parameters) step is remembered, so a coloured line costs a map lookup, not a parse.
const MAX_REMEMBERED = 1024;
const interned = new Map<string, AnsiStyle>();
const steps = new WeakMap<AnsiStyle, Map<string, AnsiStyle>>();
const plainStyle: AnsiStyle = {};
interned.set('{}', plainStyle);

function sgr(style: AnsiStyle, params: string): AnsiStyle {
  let known = steps.get(style);
  const hit = known?.get(params);
  if (hit) return hit;
  const next = intern(
    applySgr(
      style,
      params.split(';').map((p) => (p === '' ? 0 : Number(p))),
    ),
  );
  if (!known) steps.set(style, (known = new Map()));
  if (known.size < MAX_REMEMBERED) known.set(params, next);
  return next;
}

function intern(style: AnsiStyle): AnsiStyle {
  const key = JSON.stringify(style, Object.keys(style).sort());
  const known = interned.get(key);
  if (known) return known;
  if (interned.size < MAX_REMEMBERED) interned.set(key, style);
  return style;
}

/** The 16 basic colours as CSS custom properties, so the theme (light/dark) decides the actual colour. */
const basicColours = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

function basicColour(index: number, bright: boolean): string {
  return `var(--pg-ansi-${bright ? 'bright-' : ''}${basicColours[index]})`;
}

function colour256(n: number | undefined): string | undefined {
  if (n === undefined || !Number.isInteger(n) || n < 0 || n > 255) return undefined;
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
      // 38;5;n (256 colours) or 38;2;r;g;b (true colour); an out-of-range colour is skipped, not guessed.
      let colour: string | undefined;
      if (params[i + 1] === 5) {
        colour = colour256(params[i + 2]);
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

/** Parses one piece of text starting from `style`: the segments, and the style it leaves. */
export function parseAnsi(text: string, style: AnsiStyle = {}): { segments: AnsiSegment[]; style: AnsiStyle } {
  const parser = new AnsiParser(style);
  const segments: AnsiSegment[] = [];
  parser.write(text, (run, runStyle) => {
    const last = segments.at(-1);
    if (last && last.style === runStyle) last.text += run;
    else segments.push({ text: run, style: runStyle });
  });
  return { segments, style: parser.style };
}

/** Removes every escape sequence and control character but tab and newline: for copying output as plain text. */
export function stripAnsi(text: string): string {
  let plain = '';
  new AnsiParser().write(text.replace(/\r\n/g, '\n'), (run) => (plain += run));
  return plain;
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
  return parseAnsi(text.replace(/\r\n/g, '\n'))
    .segments.map(({ text, style }) => {
      const css = styleToCss(style);
      return css ? `<span style="${css}">${escapeHtml(text)}</span>` : escapeHtml(text);
    })
    .join('');
}
