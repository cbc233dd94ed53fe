import type { RevertTarget } from "../metrics/revert-target.js";
import type { Db } from "./db.js";

/** Remembers that merged PR `number` reverts `target`; a redelivery or the backfill's copy changes nothing. */
export async function recordRevert(db: Db, params: { repoId: number; number: number; target: RevertTarget }): Promise<void> {
  const target_number = "number" in params.target ? params.target.number : null;
  const target_sha = "sha" in params.target ? params.target.sha : null;
  await db.kysely
    .insertInto("pull_request_reverts")
    .values({ repo_id: params.repoId, number: params.number, target_number, target_sha })
    .onConflict((oc) => oc.columns(["repo_id", "number"]).doUpdateSet({ target_number, target_sha }))
    .execute();
}

/** A revert as an incident: production broke when the reverted change was deployed, and was restored when the revert was. */
export interface RevertIncident {
  repoId: number;
  /** The revert PR. */
  number: number;
  /** The reverted PR. */
  reverted: number;
  openedAt: number;
  /** The revert's deploy time; null while it is not deployed. */
  closedAt: number | null;
}

/**
 * The reverts of the repos that can touch the window: the reverted PR (by number, or by its merge
 * commit) was deployed before `to`, and the revert was not deployed before `from`. Resolved when
 * read, so the revert, the reverted PR and their deployments may be recorded in any order. A
 * revert shipped in the same deployment as the change it reverts never reached production alone:
 * not an incident.
 */
export async function listRevertIncidents(db: Db, params: { repoIds: readonly number[]; from: number; to: number }): Promise<RevertIncident[]> {
  if (params.repoIds.length === 0) return [];
  // The reverts first (few), then the PRs they name by key: a join let SQLite's planner walk every
  // PR of the repo for each revert (seconds at 100,000 PRs).
  const reverts = await db.kysely.selectFrom("pull_request_reverts").selectAll().where("repo_id", "in", params.repoIds).execute();
  if (reverts.length === 0) return [];
  const numbers = new Set<number>();
  const shas = new Set<string>();
  for (const r of reverts) {
    numbers.add(r.number);
    if (r.target_number !== null) numbers.add(r.target_number);
    if (r.target_sha !== null) shas.add(r.target_sha);
  }
  const prs = new Map<string, { number: number; deployedAt: number | null }>();
  const remember = (rows: { repo_id: number | string; number: number; merge_commit_sha: string | null; deployed_at: number | string | null }[]) => {
    for (const row of rows) {
      const pr = { number: row.number, deployedAt: row.deployed_at === null ? null : Number(row.deployed_at) };
      prs.set(`${Number(row.repo_id)} #${row.number}`, pr);
      if (row.merge_commit_sha !== null) prs.set(`${Number(row.repo_id)} @${row.merge_commit_sha}`, pr);
    }
  };
  const columns = ["repo_id", "number", "merge_commit_sha", "deployed_at"] as const;
  // Chunks keep each statement under both databases' bound-parameter limits.
  for (const chunk of chunks([...numbers], 500)) remember(await db.kysely.selectFrom("pull_requests").select(columns).where("repo_id", "in", params.repoIds).where("number", "in", chunk).execute());
  for (const chunk of chunks([...shas], 500)) remember(await db.kysely.selectFrom("pull_requests").select(columns).where("repo_id", "in", params.repoIds).where("merge_commit_sha", "in", chunk).execute());
  const incidents: RevertIncident[] = [];
  for (const r of reverts) {
    const repoId = Number(r.repo_id);
    const revert = prs.get(`${repoId} #${r.number}`);
    if (!revert) continue;
    const closedAt = revert.deployedAt;
    if (closedAt !== null && closedAt < params.from) continue;
    const targets = [r.target_number === null ? undefined : prs.get(`${repoId} #${r.target_number}`), r.target_sha === null ? undefined : prs.get(`${repoId} @${r.target_sha}`)].filter(
      (t): t is { number: number; deployedAt: number } => t !== undefined && t.deployedAt !== null && t.deployedAt < params.to && (closedAt === null || closedAt > t.deployedAt),
    );
    if (targets.length === 0) continue;
    incidents.push({ repoId, number: r.number, reverted: Math.min(...targets.map((t) => t.number)), openedAt: Math.min(...targets.map((t) => t.deployedAt)), closedAt });
  }
  return incidents.sort((a, b) => a.openedAt - b.openedAt);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
