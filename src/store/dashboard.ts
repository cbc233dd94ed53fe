import { sql } from "kysely";
import type { CheckKey } from "../model/checks.js";
import { storedPullRequestUrl } from "../lib/pull-request-url.js";
import { checkOutcome } from "./check-outcome.js";
import type { Db } from "./db.js";
import { OUTCOME_COLUMNS } from "./pull-requests.js";
import { teamCondition, type TeamScope } from "./team-scope.js";

/** Every repository the metrics know, as GitHub last named it, with its web address when one was stored. */
export async function listKnownRepositories(db: Db): Promise<{ repoId: number; owner: string; name: string; htmlUrl: string | null }[]> {
  const rows = await db.kysely.selectFrom("metric_repos").select(["repo_id", "owner", "name", "html_url"]).orderBy("owner").orderBy("name").execute();
  return rows.map((r) => ({ repoId: Number(r.repo_id), owner: r.owner, name: r.name, htmlUrl: r.html_url }));
}

export interface WaitingRow {
  repo: string;
  number: number;
  title: string | null;
  author: string;
  readyAt: number;
  /** The PR's page, from the repository's stored `html_url`; null when none was stored. */
  url: string | null;
}

/**
 * Open, ready-for-review PRs by humans that no human other than the author has reviewed yet,
 * the longest-waiting first.
 */
export async function listWaitingForReview(db: Db, params: { repoIds: readonly number[]; limit: number; activeSince?: number }): Promise<WaitingRow[]> {
  if (params.repoIds.length === 0) return [];
  let query = waitingQuery(db, params.repoIds)
    .innerJoin("metric_repos", "metric_repos.repo_id", "pull_requests.repo_id")
    .select(["metric_repos.owner", "metric_repos.name", "pull_requests.number", "pull_requests.title", "pull_requests.author", "pull_requests.ready_at", "metric_repos.html_url"]);
  if (params.activeSince !== undefined) query = query.where(lastActivity, ">=", params.activeSince);
  const rows = await query.orderBy("pull_requests.ready_at").limit(params.limit).execute();
  return rows.map((r) => ({ repo: `${r.owner}/${r.name}`, number: r.number, title: r.title, author: r.author ?? "unknown", readyAt: Number(r.ready_at), url: storedPullRequestUrl(r.html_url, r.number) }));
}

/** When a PR was last active: the `updated_at` of its newest payload, else when it became ready. */
const lastActivity = sql<number>`coalesce(pull_requests.snapshot_at, pull_requests.ready_at)`;

function waitingQuery(db: Db, repoIds: readonly number[]) {
  return db.kysely
    .selectFrom("pull_requests")
    .where("pull_requests.repo_id", "in", repoIds)
    .where("pull_requests.merged_at", "is", null)
    .where("pull_requests.closed_at", "is", null)
    .where("pull_requests.draft", "=", 0)
    .where("pull_requests.author_is_bot", "=", 0)
    .where("pull_requests.first_review_at", "is", null)
    .where("pull_requests.ready_at", "is not", null);
}

/** Per repository, the PRs waiting for review that were active since `activeSince`, and the stale rest. */
export async function countWaitingForReview(db: Db, params: { repoIds: readonly number[]; activeSince: number }): Promise<Map<number, { active: number; stale: number }>> {
  if (params.repoIds.length === 0) return new Map();
  const rows = await waitingQuery(db, params.repoIds)
    .select([
      "pull_requests.repo_id",
      sql<number>`sum(case when ${lastActivity} >= ${params.activeSince} then 1 else 0 end)`.as("active"),
      sql<number>`count(*)`.as("total"),
    ])
    .groupBy("pull_requests.repo_id")
    .execute();
  return new Map(rows.map((r) => [Number(r.repo_id), { active: Number(r.active), stale: Number(r.total) - Number(r.active) }]));
}

/** The facts of one merged PR the dashboard's charts read; times epoch ms. */
export interface MergedFactsRow {
  repoId: number;
  number: number;
  author: string | null;
  title: string | null;
  mergedAt: number;
  firstCommitAt: number | null;
  openedAt: number | null;
  readyAt: number | null;
  firstReviewAt: number | null;
  deployedAt: number | null;
  additions: number | null;
  deletions: number | null;
  /** The stored outcome of every check (null: none recorded). */
  hygiene: Record<CheckKey, string | null>;
}

/**
 * PRs by humans merged in [from, to), narrowed to the columns the charts need: a year of a busy
 * organisation is ~100,000 rows, and the full per-PR rows of `listPullRequestRows` cost several
 * times more to read and build.
 */
export async function listMergedFacts(db: Db, params: { repoIds: readonly number[]; from: number; to: number; team?: TeamScope | undefined }): Promise<MergedFactsRow[]> {
  if (params.repoIds.length === 0) return [];
  let query = db.kysely
    .selectFrom("pull_requests")
    .select(["repo_id", "number", "author", "title", "merged_at", "first_commit_at", "opened_at", "ready_at", "first_review_at", "deployed_at", "additions", "deletions"])
    .select(OUTCOME_COLUMNS.map(({ check, column }) => checkOutcome(check).as(column)))
    .where("repo_id", "in", params.repoIds)
    .where("merged_at", ">=", params.from)
    .where("merged_at", "<", params.to)
    .where("author_is_bot", "=", 0);
  if (params.team) query = query.where(teamCondition(params.team, sql.ref("repo_id"), sql.ref("author")));
  const rows = await query.execute();
  return rows.map((r) => ({
    repoId: Number(r.repo_id),
    number: r.number,
    author: r.author,
    title: r.title,
    mergedAt: Number(r.merged_at),
    firstCommitAt: r.first_commit_at,
    openedAt: r.opened_at,
    readyAt: r.ready_at,
    firstReviewAt: r.first_review_at,
    deployedAt: r.deployed_at,
    additions: r.additions,
    deletions: r.deletions,
    hygiene: Object.fromEntries(OUTCOME_COLUMNS.map(({ check, column }) => [check, r[column]])) as Record<CheckKey, string | null>,
  }));
}
