import type { Bucket } from "../metrics/bucket.js";
import { bucketStart } from "../metrics/bucket.js";
import { PHASES, phaseDurations, type Phase } from "../metrics/definitions.js";
import { distribution, type Distribution } from "../metrics/percentile.js";
import { sql } from "kysely";
import type { Db } from "./db.js";
import { productionSince } from "./deployments.js";
import type { GroupBy, MetricScope } from "./metric-scope.js";

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
 * hygiene outcome with `groupBy`). Reads one narrow projection through a covering index and
 * computes in one pass (bucket `all`: one row for the whole window), so 100,000 PRs stay within the report budget (ADR 0043).
 */
export async function cycleTimeReport(db: Db, params: MetricScope & { bucket: Bucket | "all"; groupBy?: GroupBy }): Promise<CycleTimeRow[]> {
  const { repoIds, bucket, groupBy } = params;
  if (repoIds.length === 0) return [];
  const [since, days] = await Promise.all([productionSince(db, repoIds), dailyColumns(db, params)]);
  const cells = new Map<string, { start: number; group: string | null; values: Record<Phase, number[]> }>();
  for (const day of days) {
    const start = bucket === "all" ? params.from : bucketStart(Number(day.day) * DAY, bucket);
    const cellOf = (group: string | null) => {
      const key = `${start}|${group}`;
      let cell = cells.get(key);
      if (!cell) cells.set(key, (cell = { start, group, values: { coding: [], pickup: [], review: [], deploy: [], cycle: [] } }));
      return cell;
    };
    const groups = groupBy ? day.grp.split(",") : undefined;
    const productionFrom = since.get(Number(day.repo_id)) ?? null;
    const [merged, firstCommit, opened, ready, review, deployed] = COLUMNS.map((column) => day[column].split(","));
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

const DAY = 86_400_000;
const COLUMNS = ["merged_at", "first_commit_at", "opened_at", "ready_at", "first_review_at", "deployed_at"] as const;
type DailyColumns = { repo_id: number; day: number; grp: string } & Record<(typeof COLUMNS)[number], string>;

/**
 * One row per repo, merge day (and outcome): each column is the day's values joined by commas,
 * in the same order, "" for null. Far fewer rows than PRs: materialising 100,000 row objects
 * costs more than the whole query (ADR 0043).
 */
async function dailyColumns(db: Db, params: MetricScope & { groupBy?: GroupBy }): Promise<DailyColumns[]> {
  const concat = (column: string) =>
    db.dialect === "postgres"
      ? sql<string>`string_agg(coalesce(${sql.ref(column)}::text, ''), ',')`
      : sql<string>`group_concat(coalesce(${sql.ref(column)}, ''), ',')`;
  // A literal divisor keeps the grouping in index order (repo_id, merged_at): no sort.
  const day = sql<number>`merged_at / ${sql.lit(DAY)}`;
  const group = params.groupBy ? concat(`${params.groupBy}_outcome`) : sql<string>`''`;
  let query = db.kysely
    .selectFrom("pull_requests")
    .select([sql<number>`repo_id`.as("repo_id"), day.as("day"), group.as("grp"), ...COLUMNS.map((column) => concat(column).as(column))])
    .where("repo_id", "in", params.repoIds)
    .where("merged_at", ">=", params.from)
    .where("merged_at", "<", params.to)
    .groupBy([sql`repo_id`, day]);
  if (!params.includeBots) query = query.where("author_is_bot", "=", 0);
  return (await query.execute()) as DailyColumns[];
}

function time(text: string | undefined): number | null {
  return text === undefined || text === "" ? null : Number(text);
}
