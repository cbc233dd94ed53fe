/** How coverage figures are written in check texts and comments: one decimal, signed deltas, short SHAs. */
export function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** `72` or `72.5`: whole numbers without a trailing `.0`. */
export function fmt(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

/** `+1.8`, `−2.9` (a real minus sign), `±0`. */
export function signed(value: number): string {
  if (value === 0) return "±0";
  return value > 0 ? `+${fmt(value)}` : `−${fmt(-value)}`;
}

export function short(sha: string): string {
  return sha.slice(0, 7);
}
