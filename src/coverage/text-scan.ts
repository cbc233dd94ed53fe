/**
 * Tiny helpers for the hand-written scanners. Reports are decoded as latin1 (one char per byte,
 * the fastest decode Node has) and only the few strings we keep — file paths — are re-decoded
 * as UTF-8 when they hold non-ASCII bytes.
 */

/** End index of the last `readUint` call. */
export let scanEnd = 0;

/** Reads an unsigned decimal at `start`; NaN when there is no digit. Sets `scanEnd`. */
export function readUint(text: string, start: number): number {
  let i = start;
  let value = 0;
  let code = text.charCodeAt(i);
  while (code >= 48 && code <= 57) {
    value = value * 10 + (code - 48);
    code = text.charCodeAt(++i);
  }
  scanEnd = i;
  return i === start ? Number.NaN : value;
}

/** A latin1-decoded substring as the UTF-8 text it really was. */
export function utf8(latin1: string): string {
  for (let i = 0; i < latin1.length; i++) {
    if (latin1.charCodeAt(i) > 127) return Buffer.from(latin1, "latin1").toString("utf8");
  }
  return latin1;
}
