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

/** Writes `value` into `hits` for every line of `ranges`. */
export function decodeRanges(ranges: string, hits: number[], value: number): void {
  if (ranges === "") return;
  for (const part of ranges.split(",")) {
    const dash = part.indexOf("-");
    const from = Number(dash < 0 ? part : part.slice(0, dash));
    const to = dash < 0 ? from : Number(part.slice(dash + 1));
    if (!Number.isInteger(from) || !Number.isInteger(to) || from <= 0 || to < from) continue;
    while (hits.length <= to) hits.push(-1);
    for (let line = from; line <= to; line++) hits[line] = value;
  }
}
