import type { CheckKey } from "../model/checks.js";
import { checkOutcome } from "./check-outcome.js";
import type { Db } from "./db.js";
import { OUTCOME_COLUMNS } from "./pull-requests.js";

/** Every repository the metrics know, as GitHub last named it. */
export async function listKnownRepositories(db: Db): Promise<{ repoId: number; owner: string; name: string }[]> {
  const rows = await db.kysely.selectFrom("metric_repos").select(["repo_id", "owner", "name"]).orderBy("owner").orderBy("name").execute();
  return rows.map((r) => ({ repoId: Number(r.repo_id), owner: r.owner, name: r.name }));
}

export interface WaitingRow {
  repo: string;
  number: number;
  title: string | null;
  author: string;
  readyAt: number;
}

/**
 * Open, ready-for-review PRs by humans that no human other than the author has reviewed yet,
 * the longest-waiting first.
 */
export async function listWaitingForReview(db: Db, params: { repoIds: readonly number[]; limit: number }): Promise<WaitingRow[]> {
  if (params.repoIds.length === 0) return [];
  const rows = await db.kysely
    .selectFrom("pull_requests")
    .innerJoin("metric_repos", "metric_repos.repo_id", "pull_requests.repo_id")
    .select(["metric_repos.owner", "metric_repos.name", "pull_requests.number", "pull_requests.title", "pull_requests.author", "pull_requests.ready_at"])
    .where("pull_requests.repo_id", "in", params.repoIds)
    .where("pull_requests.merged_at", "is", null)
    .where("pull_requests.closed_at", "is", null)
    .where("pull_requests.draft", "=", 0)
    .where("pull_requests.author_is_bot", "=", 0)
    .where("pull_requests.first_review_at", "is", null)
    .where("pull_requests.ready_at", "is not", null)
    .orderBy("pull_requests.ready_at")
    .limit(params.limit)
    .execute();
  return rows.map((r) => ({ repo: `${r.owner}/${r.name}`, number: r.number, title: r.title, author: r.author ?? "unknown", readyAt: Number(r.ready_at) }));
}

/** The facts of one merged PR the dashboard's charts read; times epoch ms. */
export interface MergedFactsRow {
  repoId: number;
  number: number;
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
export async function listMergedFacts(db: Db, params: { repoIds: readonly number[]; from: number; to: number }): Promise<MergedFactsRow[]> {
  if (params.repoIds.length === 0) return [];
  const rows = await db.kysely
    .selectFrom("pull_requests")
    .select(["repo_id", "number", "merged_at", "first_commit_at", "opened_at", "ready_at", "first_review_at", "deployed_at", "additions", "deletions"])
    .select(OUTCOME_COLUMNS.map(({ check, column }) => checkOutcome(check).as(column)))
    .where("repo_id", "in", params.repoIds)
    .where("merged_at", ">=", params.from)
    .where("merged_at", "<", params.to)
    .where("author_is_bot", "=", 0)
    .execute();
  return rows.map((r) => ({
    repoId: Number(r.repo_id),
    number: r.number,
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
