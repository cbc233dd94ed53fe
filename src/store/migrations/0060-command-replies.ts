import type { Kysely } from "kysely";

// Replies to `/shipshape` comments, claimed before they are posted: one per comment (its id,
// whatever delivery brought it) and at most one refusal per commenter, PR and hour. Shared by
// every process, so neither a redelivery nor a second replica replies twice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("command_replies")
    .addColumn("reply_key", "text", (c) => c.primaryKey())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("command_replies_created").on("command_replies").column("created_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("command_replies").execute();
}
