import { sql } from "kysely";
import type { GroupBy } from "../metrics/group-by.js";
import { CYCLE_TIME_COLUMNS, DAY_MS, type CycleTimeDay, type CycleTimeDays } from "../model/cycle-time-days.js";
import { checkOutcome } from "./check-outcome.js";
import type { Db } from "./db.js";
import { productionSince } from "./deployments.js";
import type { MetricScope } from "./metric-scope.js";
import { teamCondition } from "./team-scope.js";

/**
 * The merged PRs of the scope as daily columns. Far fewer rows than PRs: materialising 100,000
 * row objects costs more than the whole computation (docs/design.md: the store returns rows,
 * floor 1 computes the figures).
 */
export async function listCycleTimeDays(db: Db, params: MetricScope & { groupBy?: GroupBy }): Promise<CycleTimeDays> {
  if (params.repoIds.length === 0) return { days: [], productionSince: new Map() };
  const [since, days] = await Promise.all([productionSince(db, params.repoIds), splitByDay(db, params)]);
  return { days, productionSince: since };
}

/** Windows longer than this are read in two halves at once on PostgreSQL. */
const SPLIT_FROM_MS = 28 * DAY_MS;

/**
 * PostgreSQL groups the days by sorting every PR of the window (it cannot use the index order for
 * `merged_at / day`): a year of a busy repo reads faster as two halves on two connections, split at
 * a day boundary so no day is in both. SQLite reads its index in day order in one pass.
 */
async function splitByDay(db: Db, params: MetricScope & { groupBy?: GroupBy }): Promise<CycleTimeDay[]> {
  if (db.dialect !== "postgres" || params.to - params.from < SPLIT_FROM_MS) return dailyColumns(db, params);
  const middle = Math.floor((params.from + (params.to - params.from) / 2) / DAY_MS) * DAY_MS;
  const halves = await Promise.all([dailyColumns(db, { ...params, to: middle }), dailyColumns(db, { ...params, from: middle })]);
  return halves.flat();
}

async function dailyColumns(db: Db, params: MetricScope & { groupBy?: GroupBy }): Promise<CycleTimeDay[]> {
  const concat = (value: ReturnType<typeof sql.ref> | ReturnType<typeof groupValue>) =>
    db.dialect === "postgres" ? sql<string>`string_agg(coalesce(${value}::text, ''), ',')` : sql<string>`group_concat(coalesce(${value}, ''), ',')`;
  // A literal divisor keeps the grouping in index order (repo_id, merged_at): no sort.
  const day = sql<number>`merged_at / ${sql.lit(DAY_MS)}`;
  const group = params.groupBy ? concat(groupValue(params.groupBy)) : sql<string>`''`;
  let query = db.kysely
    .selectFrom("pull_requests")
    .select([sql<number>`repo_id`.as("repo_id"), day.as("day"), group.as("grp"), ...CYCLE_TIME_COLUMNS.map((column) => concat(sql.ref(column)).as(column))])
    .where("repo_id", "in", params.repoIds)
    .where("merged_at", ">=", params.from)
    .where("merged_at", "<", params.to)
    .groupBy([sql`repo_id`, day]);
  if (!params.includeBots) query = query.where("author_is_bot", "=", 0);
  if (params.team) query = query.where(teamCondition(params.team, sql.ref("repo_id"), sql.ref("author")));
  return (await query.execute()) as CycleTimeDay[];
}

/** What the report groups by, per PR: a check's outcome, lines changed (sized in src/metrics), or the author (teams; src/metrics compares logins in lower case, once per login). */
function groupValue(groupBy: GroupBy) {
  if (groupBy === "size") return sql<number | null>`(case when additions is null and deletions is null then null else coalesce(additions, 0) + coalesce(deletions, 0) end)`;
  if (groupBy === "team") return sql<string | null>`author`;
  return checkOutcome(groupBy);
}
