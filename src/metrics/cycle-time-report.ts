import type { Bucket } from "./bucket.js";
import { bucketStart } from "./bucket.js";
import { PHASES, phaseDurations, type Phase } from "./definitions.js";
import { distribution, type Distribution } from "./percentile.js";
import { CYCLE_TIME_COLUMNS, DAY_MS, type CycleTimeDays } from "../model/cycle-time-days.js";

export interface CycleTimeRow {
  /** Start of the bucket, epoch ms (UTC). */
  start: number;
  /** The hygiene outcome of `group_by` (success, failure, skipped, … or "unknown"); null without grouping. */
  group: string | null;
  /** Per phase: count, median, p75, p90 in seconds. */
  phases: Record<Phase, Distribution>;
}

/**
 * Count, median, p75 and p90 of every phase of the PRs merged in the scope, per bucket (and per
 * hygiene outcome with `groupBy`), from the daily columns the store returns (`listCycleTimeDays`).
 * One pass (bucket `all`: one row for the whole window), so 100,000 PRs stay within the report budget (ADR 0043).
 */
export function cycleTimeReport(input: CycleTimeDays, params: { from: number; bucket: Bucket | "all"; groupBy?: string }): CycleTimeRow[] {
  const { bucket, groupBy } = params;
  const cells = new Map<string, { start: number; group: string | null; values: Record<Phase, number[]> }>();
  for (const day of input.days) {
    const start = bucket === "all" ? params.from : bucketStart(Number(day.day) * DAY_MS, bucket);
    const cellOf = (group: string | null) => {
      const key = `${start}|${group}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { start, group, values: { coding: [], pickup: [], review: [], deploy: [], cycle: [] } }));
      return cell;
    };
    const groups = groupBy ? day.grp.split(",") : undefined;
    const productionFrom = input.productionSince.get(Number(day.repo_id)) ?? null;
    const [merged, firstCommit, opened, ready, review, deployed] = CYCLE_TIME_COLUMNS.map((column) => day[column].split(","));
    for (let i = 0; i < merged!.length; i++) {
      const cell = cellOf(groups ? groups[i] || "unknown" : null);
      const durations = phaseDurations(
        { mergedAt: time(merged![i]), firstCommitAt: time(firstCommit![i]), openedAt: time(opened![i]), readyAt: time(ready![i]), firstReviewAt: time(review![i]), deployedAt: time(deployed![i]) },
        productionFrom,
      );
      for (const phase of PHASES) {
        const value = durations[phase];
        if (value !== null) cell.values[phase].push(value / 1000);
      }
    }
  }
  return [...cells.values()]
    .sort((a, b) => a.start - b.start || String(a.group).localeCompare(String(b.group)))
    .map(({ start, group, values }) => ({
      start,
      group,
      phases: Object.fromEntries(PHASES.map((phase) => [phase, distribution(values[phase])])) as Record<Phase, Distribution>,
    }));
}

function time(text: string | undefined): number | null {
  return text === undefined || text === "" ? null : Number(text);
}
