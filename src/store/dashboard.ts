import type { Db } from "./db.js";

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
