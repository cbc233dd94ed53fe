import type { CheckKey, Override } from "../model/checks.js";
import type { Db } from "./db.js";

/** Stores `/shipshape skip`: the latest skip of a check on a PR replaces an earlier one. */
export async function saveOverride(db: Db, params: { repoId: number; prNumber: number; override: Override }): Promise<void> {
  const { repoId, prNumber, override } = params;
  const row = {
    repo_id: repoId,
    pr_number: prNumber,
    check_key: override.check,
    user_login: override.user,
    reason: override.reason,
    created_at: Date.parse(override.at),
  };
  await db.kysely
    .insertInto("overrides")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["repo_id", "pr_number", "check_key"]).doUpdateSet({ user_login: row.user_login, reason: row.reason, created_at: row.created_at }),
    )
    .execute();
}

export async function listOverrides(db: Db, params: { repoId: number; prNumber: number }): Promise<Override[]> {
  const rows = await db.kysely
    .selectFrom("overrides")
    .selectAll()
    .where("repo_id", "=", params.repoId)
    .where("pr_number", "=", params.prNumber)
    .execute();
  return rows.map((row) => ({
    check: row.check_key as CheckKey,
    user: row.user_login,
    reason: row.reason,
    at: new Date(row.created_at).toISOString(),
  }));
}

/** Stores `/shipshape unskip`: the check applies to the PR again. True when there was a skip to undo. */
export async function deleteOverride(db: Db, params: { repoId: number; prNumber: number; check: CheckKey }): Promise<boolean> {
  const result = await db.kysely
    .deleteFrom("overrides")
    .where("repo_id", "=", params.repoId)
    .where("pr_number", "=", params.prNumber)
    .where("check_key", "=", params.check)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
