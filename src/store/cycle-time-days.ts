import { sql } from "kysely";
import type { GroupBy } from "../metrics/group-by.js";
import { CYCLE_TIME_COLUMNS, type CycleTimeDay, type CycleTimeDays } from "../model/cycle-time-days.js";
import { checkOutcome } from "./check-outcome.js";
import { dayOf, joinedColumn, splitByDay } from "./day-columns.js";
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
  const [since, days] = await Promise.all([productionSince(db, params.repoIds), splitByDay(db, params, dailyColumns)]);
  return { days, productionSince: since };
}

async function dailyColumns(db: Db, params: MetricScope & { groupBy?: GroupBy }): Promise<CycleTimeDay[]> {
  const day = dayOf("merged_at");
  const group = params.groupBy ? joinedColumn(db, groupValue(params.groupBy)) : sql<string>`''`;
  let query = db.kysely
    .selectFrom("pull_requests")
    .select([sql<number>`repo_id`.as("repo_id"), day.as("day"), group.as("grp"), ...CYCLE_TIME_COLUMNS.map((column) => joinedColumn(db, sql.ref(column)).as(column))])
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
