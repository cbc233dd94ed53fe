import type { Kysely } from "kysely";

// Issue 16 part C (ADR 0064): each submitted review (rework, review load), team membership per
// organisation (config or GitHub teams), and each repository's working hours.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("pull_request_reviews")
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("reviewer", "text", (c) => c.notNull())
    .addColumn("reviewer_key", "text", (c) => c.notNull())
    .addColumn("reviewer_is_bot", "integer", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("submitted_at", "bigint", (c) => c.notNull())
    // A review has no id in the backfill's GraphQL page that the webhook's matches: one reviewer
    // submits one review at a given millisecond, so this natural key dedupes both paths.
    .addPrimaryKeyConstraint("pull_request_reviews_pk", ["repo_id", "number", "reviewer_key", "submitted_at"])
    .execute();
  await db.schema.createIndex("pull_request_reviews_submitted").on("pull_request_reviews").columns(["repo_id", "submitted_at"]).execute();

  await db.schema
    .createTable("metric_team_members")
    .addColumn("owner_key", "text", (c) => c.notNull())
    .addColumn("team_key", "text", (c) => c.notNull())
    .addColumn("team", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("login_key", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("metric_team_members_pk", ["owner_key", "source", "team_key", "login_key"])
    .execute();
  await db.schema
    .createTable("metric_team_repos")
    .addColumn("owner_key", "text", (c) => c.notNull())
    .addColumn("team_key", "text", (c) => c.notNull())
    .addColumn("team", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    /** `owner/name`, lower case, as `metric_repos.full_name_key`. */
    .addColumn("repo_key", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("metric_team_repos_pk", ["owner_key", "source", "team_key", "repo_key"])
    .execute();
  // Whether a source was read lately: GitHub teams are refreshed at most every few hours, by any replica.
  await db.schema
    .createTable("metric_team_syncs")
    .addColumn("owner_key", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("synced_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("metric_team_syncs_pk", ["owner_key", "source"])
    .execute();

  await db.schema
    .createTable("metric_repo_settings")
    .addColumn("repo_id", "bigint", (c) => c.primaryKey())
    /** `metrics.working_hours` as JSON (`WorkingHours`), null when the repository sets none. */
    .addColumn("working_hours", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["metric_repo_settings", "metric_team_syncs", "metric_team_repos", "metric_team_members", "pull_request_reviews"]) {
    await db.schema.dropTable(table).execute();
  }
}
