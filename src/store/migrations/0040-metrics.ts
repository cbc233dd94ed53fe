import type { Kysely } from "kysely";

// Delivery metrics (ADR 0040). Times are epoch ms (bigint), booleans 0/1, as everywhere else.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("metric_repos")
    .addColumn("repo_id", "bigint", (c) => c.primaryKey())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    // GitHub names are case-insensitive: lookups go through these lower-cased keys.
    .addColumn("owner_key", "text", (c) => c.notNull())
    .addColumn("full_name_key", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("metric_repos_owner").on("metric_repos").column("owner_key").execute();
  await db.schema.createIndex("metric_repos_full_name").on("metric_repos").column("full_name_key").execute();

  await db.schema
    .createTable("pull_requests")
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("author", "text")
    .addColumn("author_is_bot", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("title", "text")
    .addColumn("draft", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("head_sha", "text")
    .addColumn("base_ref", "text")
    .addColumn("merge_commit_sha", "text")
    .addColumn("first_commit_at", "bigint")
    .addColumn("first_commit_fetched", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("opened_at", "bigint")
    .addColumn("ready_at", "bigint")
    .addColumn("first_review_at", "bigint")
    .addColumn("first_approval_at", "bigint")
    .addColumn("merged_at", "bigint")
    .addColumn("closed_at", "bigint")
    .addColumn("deployed_at", "bigint")
    .addColumn("additions", "integer")
    .addColumn("deletions", "integer")
    .addColumn("changed_files", "integer")
    .addColumn("ticket_outcome", "text")
    .addColumn("adr_outcome", "text")
    .addColumn("coverage_outcome", "text")
    .addColumn("snapshot_at", "bigint")
    .addPrimaryKeyConstraint("pull_requests_pk", ["repo_id", "number"])
    .execute();
  // Reports select merged PRs of a repo in a time window and read only these columns: a covering
  // index answers the 100,000-PR report without touching the table (ADR 0043).
  await db.schema
    .createIndex("pull_requests_merged")
    .on("pull_requests")
    .columns(["repo_id", "merged_at", "author_is_bot", "first_commit_at", "opened_at", "ready_at", "first_review_at", "deployed_at"])
    .execute();
  await db.schema.createIndex("pull_requests_deployed").on("pull_requests").columns(["repo_id", "deployed_at", "first_commit_at"]).execute();
  await db.schema.createIndex("pull_requests_merge_commit").on("pull_requests").columns(["repo_id", "merge_commit_sha"]).execute();

  await db.schema
    .createTable("deployments")
    .addColumn("deployment_id", "bigint", (c) => c.primaryKey())
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    .addColumn("environment", "text", (c) => c.notNull())
    .addColumn("production", "integer", (c) => c.notNull())
    .addColumn("sha", "text", (c) => c.notNull())
    .addColumn("ref", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    // The latest status by its own timestamp, plus the first success and first failure.
    .addColumn("status", "text")
    .addColumn("status_at", "bigint")
    .addColumn("succeeded_at", "bigint")
    .addColumn("failed_at", "bigint")
    .addColumn("prs_marked", "integer", (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex("deployments_success").on("deployments").columns(["repo_id", "production", "succeeded_at"]).execute();
  await db.schema.createIndex("deployments_created").on("deployments").columns(["repo_id", "production", "created_at"]).execute();

  await db.schema
    .createTable("incidents")
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("title", "text")
    .addColumn("opened_at", "bigint", (c) => c.notNull())
    .addColumn("closed_at", "bigint")
    .addColumn("snapshot_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("incidents_pk", ["repo_id", "number"])
    .execute();
  await db.schema.createIndex("incidents_opened").on("incidents").columns(["repo_id", "opened_at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["incidents", "deployments", "pull_requests", "metric_repos"]) {
    await db.schema.dropTable(table).execute();
  }
}
