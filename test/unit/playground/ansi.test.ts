import { describe, expect, it } from 'vitest';
import {
  AnsiParser,
  ansiToHtml,
  MAX_STRING_LENGTH,
  parseAnsi,
  stripAnsi,
  type AnsiSegment,
} from '../../../src/lib/playground/ansi.ts';

describe('ANSI rendering', () => {
  it('turns SGR colours and bold into styled segments and resets them', () => {
    const { segments } = parseAnsi('a \u001b[1;31mred\u001b[0m b');
    expect(segments).toEqual([
      { text: 'a ', style: {} },
      { text: 'red', style: { bold: true, fg: 'var(--pg-ansi-red)' } },
      { text: ' b', style: {} },
    ]);
  });

  it('carries the style from one chunk into the next', () => {
    const first = parseAnsi('\u001b[32mgreen');
    const second = parseAnsi(' still green\u001b[39m plain', first.style);
    expect(second.segments[0]).toEqual({ text: ' still green', style: { fg: 'var(--pg-ansi-green)' } });
    expect(second.segments[1]).toEqual({ text: ' plain', style: {} });
  });

  it('understands bright, 256-colour and true-colour codes', () => {
    expect(parseAnsi('\u001b[94mx').segments[0]!.style.fg).toBe('var(--pg-ansi-bright-blue)');
    expect(parseAnsi('\u001b[38;5;196mx').segments[0]!.style.fg).toBe('rgb(255,0,0)');
    expect(parseAnsi('\u001b[38;5;244mx').segments[0]!.style.fg).toBe('rgb(128,128,128)');
    expect(parseAnsi('\u001b[48;2;1;2;3mx').segments[0]!.style.bg).toBe('rgb(1,2,3)');
  });

  it('drops cursor movement and other escapes it does not render', () => {
    expect(stripAnsi('\u001b[2K\u001b[1Gdone\u001b]0;title\u0007!')).toBe('done!');
    expect(parseAnsi('\u001b[2Kdone').segments).toEqual([{ text: 'done', style: {} }]);
  });

  it('escapes HTML so program output can never inject markup', () => {
    expect(ansiToHtml('<b>&"</b>')).toBe('&lt;b&gt;&amp;&quot;&lt;/b&gt;');
    expect(ansiToHtml('\u001b[31m<x>\u001b[0m')).toBe('<span style="color:var(--pg-ansi-red)">&lt;x&gt;</span>');
  });
});

describe('ANSI escapes a program can print, well-formed or not', () => {
  const ESC = '\u001b';
  const plain = (text: string) =>
    parseAnsi(text)
      .segments.map((s) => s.text)
      .join('');

  it('consumes a malformed CSI up to its final byte, as a terminal does, leaving no ESC behind', () => {
    // "-" is an intermediate byte, so "1" makes the sequence invalid; "a" is its final byte; "bcm" is text.
    const { segments } = parseAnsi(`x${ESC}[38;2;999;-1;abcmy`);
    expect(segments.map((s) => s.text).join('')).toBe('xbcmy');
    expect(segments.every((s) => Object.keys(s.style).length === 0)).toBe(true);
    expect(plain(`${ESC}[38;2;999;0;0mz`)).toBe('z');
    expect(parseAnsi(`${ESC}[38;2;999;0;0mz`).segments[0]!.style).toEqual({});
  });

  it('swallows DCS, SOS, PM and APC payloads up to the string terminator, and OSC up to BEL or ST', () => {
    for (const introducer of ['P', 'X', '^', '_', ']']) {
      expect(plain(`a${ESC}${introducer}1;2|payload\nwith lines${ESC}\\b`), introducer).toBe('ab');
    }
    expect(plain(`a${ESC}]0;title\u0007b`)).toBe('ab');
    expect(plain(`a${ESC}]8;;https://x.example${ESC}\\link${ESC}]8;;${ESC}\\b`)).toBe('alinkb');
  });

  it('understands the 8-bit (C1) forms and drops other control characters', () => {
    expect(parseAnsi('\u009b31mred').segments[0]).toEqual({ text: 'red', style: { fg: 'var(--pg-ansi-red)' } });
    expect(plain('a\u0090payload\u009cb\u0007\u0008c')).toBe('abc');
    expect(plain('tab\tand\nnewline')).toBe('tab\tand\nnewline');
  });

  it('continues a sequence cut between two chunks, even inside a huge SGR', () => {
    const parser = new AnsiParser();
    let text = '';
    const huge = `${ESC}[${'1;'.repeat(100_000)}31m`;
    for (const chunk of ['a', huge.slice(0, 77_777), huge.slice(77_777), 'b']) {
      parser.write(chunk, (run) => (text += run));
    }
    expect(text).toBe('ab');
    expect(parser.inEscape).toBe(false);
    // Too long to keep: consumed whole, not applied (a real terminal caps its parameters too).
    expect(parser.style).toEqual({});
    const split = new AnsiParser();
    const runs: AnsiSegment[] = [];
    for (const chunk of [`${ESC}`, '[3', '1', 'mred']) split.write(chunk, (t, style) => runs.push({ text: t, style }));
    expect(runs).toEqual([{ text: 'red', style: { fg: 'var(--pg-ansi-red)' } }]);
  });

  it('gives up on a string that never ends, so the output after it is not lost for good', () => {
    const parser = new AnsiParser();
    let text = '';
    parser.write(`${ESC}P${'x'.repeat(MAX_STRING_LENGTH)}after`, (run) => (text += run));
    expect(text).toBe('fter'); // the first character over the cap ends the string
  });

  it('renders text around U+FFFD (a UTF-8 sequence broken between chunks) and colours after it', () => {
    expect(ansiToHtml(`a\ufffdb${ESC}[32mgreen\ufffd${ESC}[0m`)).toBe(
      'a\ufffdb<span style="color:var(--pg-ansi-green)">green\ufffd</span>',
    );
    // Inside a sequence, a non-ASCII character is not a parameter: the sequence ends, the text shows.
    expect(plain(`${ESC}[3\ufffd1mx`)).toBe('\ufffd1mx');
  });
});
