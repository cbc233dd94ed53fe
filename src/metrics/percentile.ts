/**
 * The p-th percentile (0..1) of ascending `sorted` values, interpolated linearly between the two
 * nearest ranks: the same as PostgreSQL's `percentile_cont` and spreadsheets' PERCENTILE.INC.
 */
export function percentile(sorted: ArrayLike<number>, p: number): number | null {
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

/** Count, median, p75 and p90 of `values`. */
export function distribution(values: readonly number[]): Distribution {
  // A typed array sorts numerically without a comparator: several times faster on 100,000 values.
  const sorted = Float64Array.from(values).sort();
  return { count: sorted.length, median: percentile(sorted, 0.5), p75: percentile(sorted, 0.75), p90: percentile(sorted, 0.9) };
}
