// C printf("%.<p>g") for doubles: Redis formats numbers this way (%.17g for redis.call arguments,
// %.14g for Lua's tostring and cjson), and JS's own String(n) differs for large and tiny values.

export function formatG(n: number, precision: number): string {
  if (Number.isNaN(n)) return n > 0 ? 'nan' : '-nan';
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  // Fast path for the common case (counters, timestamps): exact integers print as themselves.
  if (Number.isSafeInteger(n) && Math.abs(n) < 10 ** precision) return String(n);
  const exp = Number(n.toExponential(precision - 1).split('e')[1]);
  if (exp < -4 || exp >= precision) {
    const [mantissa, e] = n.toExponential(precision - 1).split('e') as [string, string];
    const m = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[+-]/, '').padStart(2, '0');
    return `${m}e${sign}${digits}`;
  }
  const fixed = n.toFixed(Math.max(0, precision - 1 - exp));
  return fixed.includes('.') ? fixed.replace(/0+$/, '').replace(/\.$/, '') : fixed;
}

/** How Redis 7 turns a Lua number argument of redis.call into a string. */
export function formatCallNumber(n: number): string {
  return formatG(n, 17);
}

/** How Lua 5.1 (Redis's Lua) prints a number: tostring, `..`, cjson. */
export function formatLuaNumber(n: number): string {
  return formatG(n, 14);
}

/** How Redis replies a double (ZSCORE, INCRBYFLOAT): the shortest repr that round-trips. */
export function formatDouble(n: number): string {
  if (n === Infinity) return 'inf';
  if (n === -Infinity) return '-inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e17) return n.toFixed(0);
  const s = String(n);
  if (!s.includes('e')) return s;
  return formatG(n, 17);
}
