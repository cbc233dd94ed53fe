import type { Bucket } from "./bucket.js";
import { bucketStart } from "./bucket.js";
import { PHASES, phaseDurations, type Phase } from "./definitions.js";
import { Samples, type Distribution } from "./percentile.js";
import { groupLabeler, type GroupBy, type TeamMembership } from "./group-by.js";
import type { WorkingSpan } from "./working-hours.js";
import { CYCLE_TIME_COLUMNS, DAY_MS, type CycleTimeDays } from "../model/cycle-time-days.js";
import { dayColumnsReader, time } from "./day-columns.js";

export interface CycleTimeRow {
  /** Start of the bucket, epoch ms (UTC). */
  start: number;
  /** The group of `group_by`: a hygiene outcome (success, failure, skipped, … or "unknown"), a size class (XS..XL), a team (or "none"); null without grouping. */
  group: string | null;
  /** Per phase: count, median, p75, p90 in seconds. */
  phases: Record<Phase, Distribution>;
}

/**
 * Count, median, p75 and p90 of every phase of the PRs merged in the scope, per bucket from the one
 * holding `from` to the one holding `to` - 1 (each there, a quiet one with counts of 0), and per
 * group with `groupBy`; a PR in several teams counts in each), from the daily columns the store returns (`listCycleTimeDays`).
 * One pass (bucket `all`: one row for the whole window), so 100,000 PRs stay within the report budget (ADR 0043).
 */
export function cycleTimeReport(
  input: CycleTimeDays,
  params: { from: number; to?: number; bucket: Bucket | "all"; groupBy?: GroupBy; teams?: readonly TeamMembership[]; working?: (repoId: number) => WorkingSpan },
): CycleTimeRow[] {
  const { bucket, groupBy } = params;
  const labels = groupBy ? groupLabeler(groupBy, params.teams) : undefined;
  // Bucket start -> group -> cell: a PR costs two lookups by existing keys, no key built per PR.
  const buckets = new Map<number, Map<string | null, Cell>>();
  const cellOf = (start: number, group: string | null) => {
    let groups = buckets.get(start);
    if (!groups) buckets.set(start, (groups = new Map()));
    let cell = groups.get(group);
    if (!cell) groups.set(group, (cell = emptyCell(start, group)));
    return cell;
  };
  const read = dayColumnsReader(CYCLE_TIME_COLUMNS);
  for (const day of input.days) {
    const start = bucket === "all" ? params.from : bucketStart(Number(day.day) * DAY_MS, bucket);
    const repoId = Number(day.repo_id);
    const groups = labels ? day.grp.split(",") : undefined;
    const productionFrom = input.productionSince.get(repoId) ?? null;
    const working = params.working?.(repoId);
    const { count, columns } = read(day);
    const [merged, firstCommit, opened, ready, review, deployed] = columns as [Float64Array, Float64Array, Float64Array, Float64Array, Float64Array, Float64Array];
    const ungrouped = labels ? undefined : cellOf(start, null);
    for (let i = 0; i < count; i++) {
      const durations = phaseDurations(
        { mergedAt: time(merged[i]!), firstCommitAt: time(firstCommit[i]!), openedAt: time(opened[i]!), readyAt: time(ready[i]!), firstReviewAt: time(review[i]!), deployedAt: time(deployed[i]!) },
        productionFrom,
        working,
      );
      if (ungrouped) add(ungrouped, durations);
      else for (const group of labels!(repoId, groups![i] ?? "")) add(cellOf(start, group), durations);
    }
  }
  const cells = new Map<string, Cell>();
  for (const groups of buckets.values()) for (const cell of groups.values()) cells.set(`${cell.start}|${cell.group}`, cell);
  if (bucket !== "all" && params.to !== undefined) {
    // A quiet bucket is a row with counts of 0, not a gap (for each group seen anywhere in the window).
    const groups = labels ? [...new Set([...cells.values()].map((cell) => cell.group))] : UNGROUPED;
    for (let start = bucketStart(params.from, bucket); start < params.to; start = nextBucket(start, bucket)) {
      for (const group of groups) {
        const key = `${start}|${group}`;
        if (!cells.has(key)) cells.set(key, emptyCell(start, group));
      }
    }
  }
  return [...cells.values()]
    .sort((a, b) => a.start - b.start || String(a.group).localeCompare(String(b.group)))
    .map(({ start, group, values }) => ({
      start,
      group,
      phases: Object.fromEntries(PHASES.map((phase) => [phase, values[phase].distribution()])) as Record<Phase, Distribution>,
    }));
}

const UNGROUPED: readonly null[] = [null];

function nextBucket(start: number, bucket: Bucket): number {
  if (bucket === "day") return start + DAY_MS;
  if (bucket === "week") return start + 7 * DAY_MS;
  const date = new Date(start);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 1);
}

type Cell = { start: number; group: string | null; values: Record<Phase, Samples> };

function emptyCell(start: number, group: string | null): Cell {
  return { start, group, values: { coding: new Samples(), pickup: new Samples(), review: new Samples(), deploy: new Samples(), cycle: new Samples() } };
}

function add(cell: Cell, durations: Record<Phase, number | null>): void {
  for (const phase of PHASES) {
    const value = durations[phase];
    if (value !== null) cell.values[phase].push(value / 1000);
  }
}
