import { sql } from "kysely";
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
  const rows = await db.kysely
    .selectFrom("pull_request_reverts as r")
    .innerJoin("pull_requests as revert", (join) => join.onRef("revert.repo_id", "=", "r.repo_id").onRef("revert.number", "=", "r.number"))
    .innerJoin("pull_requests as target", (join) =>
      join
        .onRef("target.repo_id", "=", "r.repo_id")
        .on((eb) => eb.or([eb("target.number", "=", eb.ref("r.target_number")), eb("target.merge_commit_sha", "=", eb.ref("r.target_sha"))])),
    )
    .select(["r.repo_id", "r.number", sql<number>`min(target.number)`.as("reverted"), sql<number>`min(target.deployed_at)`.as("opened_at"), "revert.deployed_at as closed_at"])
    .where("r.repo_id", "in", params.repoIds)
    .where("target.deployed_at", "is not", null)
    .where("target.deployed_at", "<", params.to)
    .where((eb) => eb.or([eb("revert.deployed_at", "is", null), eb("revert.deployed_at", ">=", params.from)]))
    .where((eb) => eb.or([eb("revert.deployed_at", "is", null), eb("revert.deployed_at", ">", eb.ref("target.deployed_at"))]))
    .groupBy(["r.repo_id", "r.number", "revert.deployed_at"])
    .orderBy("opened_at")
    .execute();
  return rows.map((row) => ({
    repoId: Number(row.repo_id),
    number: row.number,
    reverted: Number(row.reverted),
    openedAt: Number(row.opened_at),
    closedAt: row.closed_at === null ? null : Number(row.closed_at),
  }));
}
