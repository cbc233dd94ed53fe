/**
 * Line data stored as range lists: "1-5,8,10-12". Covered and uncovered lines come in long runs,
 * so a 2,000-line file usually takes a few dozen bytes, not a row per line.
 */
export function encodeRanges(hits: readonly number[], covered: boolean): string {
  const parts: string[] = [];
  let start = -1;
  for (let line = 1; line <= hits.length; line++) {
    const count = line < hits.length ? (hits[line] as number) : -1;
    const inSet = count >= 0 && count > 0 === covered;
    if (inSet && start < 0) start = line;
    else if (!inSet && start >= 0) {
      parts.push(start === line - 1 ? String(start) : `${start}-${line - 1}`);
      start = -1;
    }
  }
  return parts.join(",");
}

/** Writes `value` into `hits` for every line of `ranges` (parsed in place: reports hold many). */
export function decodeRanges(ranges: string, hits: number[], value: number): void {
  const length = ranges.length;
  let i = 0;
  while (i < length) {
    let from = 0;
    let code = ranges.charCodeAt(i);
    while (code >= 48 && code <= 57) {
      from = from * 10 + code - 48;
      code = ranges.charCodeAt(++i);
    }
    let to = from;
    if (code === 45 /* - */) {
      to = 0;
      code = ranges.charCodeAt(++i);
      while (code >= 48 && code <= 57) {
        to = to * 10 + code - 48;
        code = ranges.charCodeAt(++i);
      }
    }
    i++; // the comma
    if (from <= 0 || to < from) continue;
    while (hits.length <= to) hits.push(-1);
    for (let line = from; line <= to; line++) hits[line] = value;
  }
}
