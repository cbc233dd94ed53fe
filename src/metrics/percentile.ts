/**
 * The p-th percentile (0..1) of ascending `sorted` values, interpolated linearly between the two
 * nearest ranks: the same as PostgreSQL's `percentile_cont` and spreadsheets' PERCENTILE.INC.
 */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = (sorted.length - 1) * p;
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  const lowValue = sorted[low]!;
  return lowValue + (sorted[high]! - lowValue) * (rank - low);
}

export interface Distribution {
  count: number;
  median: number | null;
  p75: number | null;
  p90: number | null;
}

/** Count, median, p75 and p90 of `values` (sorted in place). */
export function distribution(values: number[]): Distribution {
  values.sort((a, b) => a - b);
  return { count: values.length, median: percentile(values, 0.5), p75: percentile(values, 0.75), p90: percentile(values, 0.9) };
}
