import type { Db } from "./db.js";

export async function recordPullRequestHead(db: Db, params: { repoId: number; headSha: string; prNumber: number; at: number }): Promise<void> {
  await db.kysely
    .insertInto("pull_request_heads")
    .values({ repo_id: params.repoId, head_sha: params.headSha, pr_number: params.prNumber, seen_at: params.at })
    .onConflict((oc) => oc.columns(["repo_id", "head_sha", "pr_number"]).doNothing())
    .execute();
}

/** PR numbers whose head was `headSha` (usually one). */
export async function findPullRequestsByHead(db: Db, params: { repoId: number; headSha: string }): Promise<number[]> {
  const rows = await db.kysely
    .selectFrom("pull_request_heads")
    .select("pr_number")
    .where("repo_id", "=", params.repoId)
    .where("head_sha", "=", params.headSha)
    .execute();
  return rows.map((row) => row.pr_number);
}
