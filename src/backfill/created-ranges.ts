/**
 * Ranges of creation times (whole seconds since the epoch, both ends included, as GitHub's
 * `created=A..B` qualifier reads them) that split a workflow's runs into lists GitHub answers in
 * full: it lists at most 1,000 runs of a filtered query (ADR 0079).
 */
export type CreatedRange = readonly [from: number, to: number];

/** Most ranges kept waiting: halving a 90-day window to single seconds needs 23 levels. */
export const MAX_PENDING_RANGES = 64;

/** The two halves of `range`, newer first; undefined when it is one second and cannot be split. */
export function halve(range: CreatedRange): [CreatedRange, CreatedRange] | undefined {
  const [from, to] = range;
  if (to <= from) return undefined;
  const middle = Math.floor((from + to) / 2);
  return [
    [middle + 1, to],
    [from, middle],
  ];
}

/** GitHub's qualifier for `range`: `2024-05-04T00:00:00Z..2024-05-19T11:59:59Z`. */
export function createdQualifier(range: CreatedRange): string {
  return `${isoSeconds(range[0])}..${isoSeconds(range[1])}`;
}

/** `1-2,3-4`: ranges in a backfill cursor. */
export function encodeRanges(ranges: readonly CreatedRange[]): string {
  return ranges.map(([from, to]) => `${from}-${to}`).join(",");
}

/** Ranges read back from a cursor; anything malformed is dropped, at most `MAX_PENDING_RANGES`. */
export function decodeRanges(text: string | undefined): CreatedRange[] {
  if (!text) return [];
  const ranges: CreatedRange[] = [];
  for (const part of text.split(",").slice(0, MAX_PENDING_RANGES)) {
    const match = /^(\d{1,12})-(\d{1,12})$/.exec(part);
    if (match && Number(match[1]) <= Number(match[2])) ranges.push([Number(match[1]), Number(match[2])]);
  }
  return ranges;
}

function isoSeconds(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}
