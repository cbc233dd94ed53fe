import type { OverviewRow } from "./figures.js";
import { trend } from "./format.js";

/**
 * How much a repository needs a look, and why (ADR 0054): a failed backfill (its figures are
 * incomplete) 8, each DORA key in the low band 4, each in the medium band 1, cycle time worse
 * than the window before by 10% or more 2, each active PR waiting for review 1 (at most 5).
 * Repositories with the same score are listed by name.
 */
export function attentionOf(row: Omit<OverviewRow, "reasons" | "attention">): { attention: number; reasons: string[] } {
  const reasons: string[] = [];
  let attention = 0;
  if (row.backfill?.state === "failed") {
    attention += 8;
    reasons.push("backfill failed");
  }
  const low = row.dora.filter((d) => d.band === "low").length;
  const medium = row.dora.filter((d) => d.band === "medium").length;
  attention += 4 * low + medium;
  if (low > 0) reasons.push(`${low} DORA ${low === 1 ? "key" : "keys"} low`);
  if (medium > 0) reasons.push(`${medium} DORA ${medium === 1 ? "key" : "keys"} medium`);
  const cycle = trend(row.cycleMedian, row.previousCycleMedian);
  if (cycle.change !== null && cycle.change >= 0.1) {
    attention += 2;
    reasons.push(`cycle time ${cycle.label}`);
  }
  if (row.waiting.active > 0) {
    attention += Math.min(5, row.waiting.active);
    reasons.push(`${row.waiting.active} waiting for review`);
  }
  return { attention, reasons };
}

/** Most attention first, then by name. */
export function byAttention(a: OverviewRow, b: OverviewRow): number {
  return b.attention - a.attention || `${a.scope.owner}/${a.scope.repo}`.localeCompare(`${b.scope.owner}/${b.scope.repo}`);
}
