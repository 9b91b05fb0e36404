// Rewrites every integer literal in a Lua script as a float literal ("1" → "1.0", "0x100000000" →
// "4294967296.0"), skipping strings and comments. fengari's integers are 32-bit and would wrap
// (0x100000000 → 0, 65536 * 65536 → 0); as floats, arithmetic behaves like Lua 5.1's doubles.

function longBracketLevel(src: string, i: number): number {
  // At src[i] === '[': returns the level of a long bracket "[==[" or -1.
  let j = i + 1;
  while (src[j] === '=') j++;
  return src[j] === '[' ? j - i - 1 : -1;
}

function skipLongBracket(src: string, i: number, level: number): number {
  const close = ']' + '='.repeat(level) + ']';
  const end = src.indexOf(close, i + level + 2);
  return end === -1 ? src.length : end + close.length;
}

function skipQuoted(src: string, i: number): number {
  const quote = src[i];
  let j = i + 1;
  while (j < src.length && src[j] !== quote) {
    if (src[j] === '\\') j++;
    else if (src[j] === '\n') break;
    j++;
  }
  return j + 1;
}

// Character tests by code, not by regex: this runs once per character of every script compiled
// (BullMQ's largest is ~40 KB), and a regex per character made compiling noticeably slower.
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isIdent = (c: string | undefined) =>
  c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c === '_');
const HEX = /^0[xX]([0-9a-fA-F]+)(\.[0-9a-fA-F]*)?([pP][+-]?\d+)?/;
const DEC = /^(\d+)(\.\d*)?([eE][+-]?\d+)?|^\.\d+([eE][+-]?\d+)?/;

export function floatLiterals(src: string): string {
  let out = '';
  let i = 0;
  let copyFrom = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === '-' && src[i + 1] === '-') {
      if (src[i + 2] === '[') {
        const level = longBracketLevel(src, i + 2);
        if (level >= 0) {
          i = skipLongBracket(src, i + 2, level);
          continue;
        }
      }
      const nl = src.indexOf('\n', i);
      i = nl === -1 ? src.length : nl;
      continue;
    }
    if (c === '"' || c === "'") {
      i = skipQuoted(src, i);
      continue;
    }
    if (c === '[') {
      const level = longBracketLevel(src, i);
      if (level >= 0) {
        i = skipLongBracket(src, i, level);
        continue;
      }
    }
    if (isIdent(c) && !isDigit(c)) {
      while (isIdent(src[i])) i++;
      continue;
    }
    const startsNumber = isDigit(c) || (c === '.' && isDigit(src[i + 1]) && src[i - 1] !== '.');
    if (startsNumber) {
      const rest = src.slice(i, i + 64);
      const hex = HEX.exec(rest);
      const m = hex ?? DEC.exec(rest)!;
      const text = m[0];
      let replacement = text;
      if (hex && !hex[2] && !hex[3]) replacement = `${BigInt(`0x${hex[1]!}`).toString()}.0`;
      else if (!hex && m[1] !== undefined && !m[2] && !m[3]) replacement = `${text}.0`;
      if (replacement !== text) {
        out += src.slice(copyFrom, i) + replacement;
        copyFrom = i + text.length;
      }
      i += text.length;
      continue;
    }
    i++;
  }
  return out + src.slice(copyFrom);
}
