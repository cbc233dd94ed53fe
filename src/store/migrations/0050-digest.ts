import type { Kysely } from "kysely";

// One row per (digest target, period): inserting it is the claim that makes a weekly digest go
// out at most once, however many processes run the scheduler.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("digest_runs")
    .addColumn("target", "text", (c) => c.notNull())
    .addColumn("period", "text", (c) => c.notNull())
    .addColumn("claimed_by", "text", (c) => c.notNull())
    .addColumn("claimed_at", "bigint", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("finished_at", "bigint")
    .addColumn("last_error", "text")
    .addPrimaryKeyConstraint("digest_runs_pk", ["target", "period"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("digest_runs").execute();
}
