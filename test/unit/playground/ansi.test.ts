import { describe, expect, it } from 'vitest';
import { ansiToHtml, parseAnsi, stripAnsi } from '../../../src/lib/playground/ansi.ts';

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
