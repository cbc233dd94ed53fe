import type { Db } from "./db.js";
import type { CheckRunsTable } from "./tables.js";

export type StoredCheckRun = CheckRunsTable;

export async function getCheckRun(db: Db, key: { repoId: number; headSha: string; name: string }): Promise<StoredCheckRun | undefined> {
  return db.kysely
    .selectFrom("check_runs")
    .selectAll()
    .where("repo_id", "=", key.repoId)
    .where("head_sha", "=", key.headSha)
    .where("name", "=", key.name)
    .executeTakeFirst();
}

export async function saveCheckRun(db: Db, row: StoredCheckRun): Promise<void> {
  await db.kysely
    .insertInto("check_runs")
    .values(row)
    .onConflict((oc) =>
      oc.columns(["repo_id", "head_sha", "name"]).doUpdateSet({
        check_run_id: row.check_run_id,
        state_hash: row.state_hash,
        status: row.status,
        conclusion: row.conclusion,
        updated_at: row.updated_at,
      }),
    )
    .execute();
}
