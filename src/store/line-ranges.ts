import type { LineHits } from "../model/line-hits.js";
import type { LineBranch } from "../model/coverage-report.js";
import { LIMITS } from "../model/coverage-limits.js";

/**
 * Line data stored as range lists: "1-5,8,10-12". Covered and uncovered lines come in long runs,
 * so a 2,000-line file usually takes a few dozen bytes, not a row per line.
 */
export function encodeRanges(hits: LineHits, covered: boolean): string {
  const parts: string[] = [];
  let start = -1;
  let last = -1;
  const close = () => {
    if (start >= 0) parts.push(start === last ? String(start) : `${start}-${last}`);
    start = -1;
  };
  hits.forEach((line, count) => {
    const inSet = count > 0 === covered;
    // A line that is not coverable (absent) ends a run, as one in the other set does.
    if (start >= 0 && (!inSet || line !== last + 1)) close();
    if (inSet) {
      if (start < 0) start = line;
      last = line;
    }
  });
  close();
  return parts.join(",");
}

/**
 * Writes `value` into `hits` for every line of `ranges` (parsed in place: reports hold many).
 * Lines past `LIMITS.maxLine` are dropped: only capped reports are ever stored.
 */
export function decodeRanges(ranges: string, hits: LineHits, value: number): void {
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
    const end = Math.min(to, LIMITS.maxLine);
    for (let line = from; line <= end; line++) hits.set(line, value);
  }
}

/** Branches per line as "12:1/2,30:0/4", ascending by line. */
export function encodeBranches(branches: ReadonlyMap<number, LineBranch> | undefined): string {
  if (!branches || branches.size === 0) return "";
  return [...branches]
    .sort(([a], [b]) => a - b)
    .map(([line, branch]) => `${line}:${branch.covered}/${branch.total}`)
    .join(",");
}

/** The lines of `encodeBranches`' output; malformed entries and lines past `LIMITS.maxLine` are dropped. */
export function decodeBranches(text: string): Map<number, LineBranch> | undefined {
  if (text === "") return undefined;
  const branches = new Map<number, LineBranch>();
  for (const entry of text.split(",")) {
    const match = /^(\d+):(\d+)\/(\d+)$/.exec(entry);
    if (!match) continue;
    const line = Number(match[1]);
    const total = Number(match[3]);
    if (line <= 0 || line > LIMITS.maxLine || total <= 0) continue;
    branches.set(line, { covered: Math.min(Number(match[2]), total), total });
  }
  return branches.size > 0 ? branches : undefined;
}
