import type { Kysely } from "kysely";

// Migrations take Kysely<unknown>: they must not depend on today's table types.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("deliveries")
    .addColumn("delivery_id", "text", (c) => c.primaryKey())
    .addColumn("event", "text", (c) => c.notNull())
    .addColumn("action", "text")
    .addColumn("installation_id", "bigint")
    .addColumn("lock_key", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("received_at", "bigint", (c) => c.notNull())
    .addColumn("next_attempt_at", "bigint", (c) => c.notNull())
    .addColumn("locked_by", "text")
    .addColumn("locked_until", "bigint")
    .addColumn("last_error", "text")
    .addColumn("finished_at", "bigint")
    .execute();
  await db.schema
    .createIndex("deliveries_claim")
    .on("deliveries")
    .columns(["status", "next_attempt_at"])
    .execute();

  await db.schema
    .createTable("check_runs")
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    .addColumn("head_sha", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("check_run_id", "bigint", (c) => c.notNull())
    .addColumn("state_hash", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("conclusion", "text")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("check_runs_pk", ["repo_id", "head_sha", "name"])
    .execute();

  await db.schema
    .createTable("sticky_comments")
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    .addColumn("pr_number", "integer", (c) => c.notNull())
    .addColumn("feature", "text", (c) => c.notNull())
    .addColumn("comment_id", "bigint", (c) => c.notNull())
    .addColumn("body_hash", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("sticky_comments_pk", ["repo_id", "pr_number", "feature"])
    .execute();

  await db.schema
    .createTable("redelivery_requests")
    .addColumn("hook_delivery_id", "bigint", (c) => c.primaryKey())
    .addColumn("delivery_guid", "text", (c) => c.notNull())
    .addColumn("requested_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("overrides")
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    .addColumn("pr_number", "integer", (c) => c.notNull())
    .addColumn("check_key", "text", (c) => c.notNull())
    .addColumn("user_login", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("overrides_pk", ["repo_id", "pr_number", "check_key"])
    .execute();

  await db.schema
    .createTable("pull_request_heads")
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    .addColumn("head_sha", "text", (c) => c.notNull())
    .addColumn("pr_number", "integer", (c) => c.notNull())
    .addColumn("seen_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("pull_request_heads_pk", ["repo_id", "head_sha", "pr_number"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ["pull_request_heads", "overrides", "redelivery_requests", "sticky_comments", "check_runs", "deliveries"]) {
    await db.schema.dropTable(table).execute();
  }
}
