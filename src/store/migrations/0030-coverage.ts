import type { Kysely } from "kysely";

// Coverage reports per commit. Reports are keyed by "owner/repo" (lowercase), not the numeric id:
// the upload API only knows the name.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("coverage_commits")
    .addColumn("repo", "text", (c) => c.notNull())
    .addColumn("sha", "text", (c) => c.notNull())
    .addColumn("branch", "text")
    .addColumn("lines_total", "bigint", (c) => c.notNull())
    .addColumn("lines_covered", "bigint", (c) => c.notNull())
    .addColumn("branches_total", "bigint", (c) => c.notNull())
    .addColumn("branches_covered", "bigint", (c) => c.notNull())
    .addColumn("files", "integer", (c) => c.notNull())
    .addColumn("formats", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("coverage_commits_pk", ["repo", "sha"])
    .execute();
  await db.schema.createIndex("coverage_commits_branch").on("coverage_commits").columns(["repo", "branch", "updated_at"]).execute();

  // Per file: totals, and line data as range lists ("1-5,8,10-12"), a few bytes per run of lines.
  await db.schema
    .createTable("coverage_files")
    .addColumn("repo", "text", (c) => c.notNull())
    .addColumn("sha", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull())
    .addColumn("lines_total", "integer", (c) => c.notNull())
    .addColumn("lines_covered", "integer", (c) => c.notNull())
    .addColumn("branches_total", "integer", (c) => c.notNull())
    .addColumn("branches_covered", "integer", (c) => c.notNull())
    .addColumn("covered", "text", (c) => c.notNull())
    .addColumn("uncovered", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("coverage_files_pk", ["repo", "sha", "path"])
    .execute();

  await db.schema
    .createTable("coverage_runs")
    .addColumn("repo", "text", (c) => c.notNull())
    .addColumn("sha", "text", (c) => c.notNull())
    .addColumn("run_id", "bigint", (c) => c.notNull())
    .addColumn("run_name", "text", (c) => c.notNull())
    /** report | no-artifact | error */
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("detail", "text")
    .addColumn("others_pending", "integer", (c) => c.notNull())
    .addColumn("completed_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("coverage_runs_pk", ["repo", "sha", "run_id"])
    .execute();

  await db.schema
    .createTable("upload_tokens")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("repo", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .execute();
  await db.schema.createIndex("upload_tokens_repo").on("upload_tokens").column("repo").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["upload_tokens", "coverage_runs", "coverage_files", "coverage_commits"]) await db.schema.dropTable(table).execute();
}
