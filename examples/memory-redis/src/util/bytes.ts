// Redis strings are byte strings. Inside the in-memory server every key, field, member and value is a
// "binary string": a JS string whose char codes are the bytes (0-255). These helpers convert at the edges.

const ASCII = /^[\x00-\x7f]*$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

export function bytesToBinary(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n <= 8192) return String.fromCharCode.apply(null, bytes as unknown as number[]);
  let s = '';
  for (let i = 0; i < n; i += 8192) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192) as unknown as number[]);
  }
  return s;
}

export function binaryToBytes(s: string): Uint8Array {
  const n = s.length;
  // For pure ASCII, UTF-8 encoding is the identity and the native encoder is much faster.
  if (n > 32 && ASCII.test(s)) return encoder.encode(s);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = s.charCodeAt(i);
  return out;
}

/** A JS (UTF-16) string as the UTF-8 bytes Redis would store, as a binary string. */
export function utf8ToBinary(s: string): string {
  return ASCII.test(s) ? s : bytesToBinary(encoder.encode(s));
}

/** Bytes decoded as UTF-8, as ioredis decodes replies. */
export function binaryToUtf8(s: string): string {
  return ASCII.test(s) ? s : decoder.decode(binaryToBytes(s));
}

/** Converts one client argument the way ioredis serialises it onto the wire. */
export function argToBinary(arg: unknown): string {
  if (typeof arg === 'string') return utf8ToBinary(arg);
  if (typeof arg === 'number') return String(arg);
  if (arg instanceof Uint8Array) return bytesToBinary(arg);
  if (arg === null || arg === undefined) return '';
  return utf8ToBinary(String(arg));
}
