export const BUCKETS = ["day", "week", "month"] as const;
export type Bucket = (typeof BUCKETS)[number];

const DAY = 86_400_000;

/** Start of the UTC day, ISO week (Monday) or month holding `at` (epoch ms). */
export function bucketStart(at: number, bucket: Bucket): number {
  const day = Math.floor(at / DAY) * DAY;
  if (bucket === "day") return day;
  if (bucket === "week") {
    // 1970-01-01 was a Thursday: shift so weeks start on Monday.
    const weekday = (new Date(day).getUTCDay() + 6) % 7;
    return day - weekday * DAY;
  }
  const date = new Date(at);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1);
}
