import { sql } from "kysely";
import type { PullRequestRecord } from "../model/pull-request-record.js";
import { teamCondition } from "./team-scope.js";
import { checkOutcome } from "./check-outcome.js";
import type { Db } from "./db.js";
import { productionSince } from "./deployments.js";
import type { MetricScope } from "./metric-scope.js";
import { OUTCOME_COLUMNS, fromRow } from "./pull-requests.js";

/** The stored PRs of a scope, and when each repo first deployed to production (phases are computed from both). */
export interface StoredPullRequestRows {
  rows: { repo: string; record: PullRequestRecord }[];
  productionSince: Map<number, number>;
}

/**
 * Per-PR rows for the scope: PRs merged in the window (`state: "merged"`, the default), or opened
 * in it (`state: "opened"`, open ones included), oldest first.
 */
export async function listPullRequestRows(db: Db, params: MetricScope & { state?: "merged" | "opened"; limit?: number }): Promise<StoredPullRequestRows> {
  const { repoIds, from, to } = params;
  if (repoIds.length === 0) return { rows: [], productionSince: new Map() };
  const column = params.state === "opened" ? "pull_requests.opened_at" : "pull_requests.merged_at";
  let query = db.kysely
    .selectFrom("pull_requests")
    .leftJoin("metric_repos", "metric_repos.repo_id", "pull_requests.repo_id")
    .selectAll("pull_requests")
    .select(["metric_repos.owner", "metric_repos.name"])
    .select(OUTCOME_COLUMNS.map(({ check, column }) => checkOutcome(check).as(column)))
    .where("pull_requests.repo_id", "in", repoIds)
    .where(column, ">=", from)
    .where(column, "<", to)
    .orderBy(column)
    .orderBy("pull_requests.number")
    .limit(params.limit ?? 100_000);
  if (!params.includeBots) query = query.where("pull_requests.author_is_bot", "=", 0);
  if (params.team) query = query.where(teamCondition(params.team, sql.ref("pull_requests.repo_id"), sql.ref("pull_requests.author")));
  const [rows, since] = await Promise.all([query.execute(), productionSince(db, repoIds)]);
  return {
    rows: rows.map(({ owner, name, ...row }) => ({ repo: owner && name ? `${owner}/${name}` : String(row.repo_id), record: fromRow(row) })),
    productionSince: since,
  };
}
