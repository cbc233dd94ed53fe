/** Words further apart than this are not offered as "did you mean": the guess would be noise. */
function maxDistance(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * Edit distance with adjacent transpositions counted as one edit (optimal string alignment),
 * so `lables` is one edit from `labels`. Inputs are config keys and option names: short, so the
 * O(n·m) table is cheap; longer words are cut to 100 characters to keep it bounded.
 */
export function editDistance(left: string, right: string): number {
  const a = left.slice(0, 100);
  const b = right.slice(0, 100);
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const row = rows[i] as number[];
      const above = rows[i - 1] as number[];
      let best = Math.min((above[j] as number) + 1, (row[j - 1] as number) + 1, (above[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      row[j] = best;
    }
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/** The candidate closest to `word` (case aside), if one is close enough to be a likely typo. */
export function nearestWord(word: string, candidates: readonly string[]): string | undefined {
  // Nobody mistypes a key as a paragraph; a long value has no likely intended word.
  if (word.length > 64) return undefined;
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= maxDistance(word) && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}
