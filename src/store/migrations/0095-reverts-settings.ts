import type { Kysely } from "kysely";

// Issue 16: each merged revert PR and what it reverts (ADR 0048), and each repository's
// `metrics.incidents`, so the DORA report applies a repo's choice of change-failure sources.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("pull_request_reverts")
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    /** The revert PR. */
    .addColumn("number", "integer", (c) => c.notNull())
    /** The reverted PR's number, or null when the revert names a commit. */
    .addColumn("target_number", "integer")
    /** The reverted commit (a PR's merge commit), or null when the revert names a PR. */
    .addColumn("target_sha", "text")
    .addPrimaryKeyConstraint("pull_request_reverts_pk", ["repo_id", "number"])
    .execute();
  /** `metrics.incidents` as JSON (an array of sources), null when not read yet: every source counts. */
  await db.schema.alterTable("metric_repo_settings").addColumn("incidents", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("metric_repo_settings").dropColumn("incidents").execute();
  await db.schema.dropTable("pull_request_reverts").execute();
}
