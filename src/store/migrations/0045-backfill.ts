import type { Kysely } from "kysely";

// One backfill job per repository: its window, where it stopped (phase + cursor) and its counts,
// so a restart continues rather than starting over. The lease columns let one process run it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("backfill_jobs")
    .addColumn("repo_id", "bigint", (c) => c.primaryKey())
    .addColumn("owner", "text", (c) => c.notNull())
    .addColumn("repo", "text", (c) => c.notNull())
    .addColumn("installation_id", "bigint", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("phase", "text", (c) => c.notNull())
    .addColumn("cursor", "text")
    .addColumn("since", "bigint", (c) => c.notNull())
    .addColumn("days", "integer", (c) => c.notNull())
    .addColumn("total", "integer")
    .addColumn("done", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("deployments", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("incidents", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("requests", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .addColumn("waiting_until", "bigint")
    .addColumn("locked_by", "text")
    .addColumn("locked_until", "bigint")
    .addColumn("last_error", "text")
    .execute();
  await db.schema.createIndex("backfill_jobs_state").on("backfill_jobs").column("state").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("backfill_jobs").execute();
}
