/** The size classes of a PR by lines added + removed, the dashboard's thresholds (ADR 0052): XS < 10, S < 100, M < 400, L < 1,000, XL 1,000+. */
export const PR_SIZES = [
  { label: "XS", min: 0, max: 10 },
  { label: "S", min: 10, max: 100 },
  { label: "M", min: 100, max: 400 },
  { label: "L", min: 400, max: 1000 },
  { label: "XL", min: 1000, max: null },
] as const;

export type PrSize = (typeof PR_SIZES)[number]["label"];

/** The size class of a PR; null when neither count is known (a PR recorded before its merge payload). */
export function prSize(additions: number | null, deletions: number | null): PrSize | null {
  if (additions === null && deletions === null) return null;
  const lines = (additions ?? 0) + (deletions ?? 0);
  return PR_SIZES.find((size) => lines >= size.min && (size.max === null || lines < size.max))!.label;
}
