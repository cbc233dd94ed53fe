import type { Kysely } from "kysely";

// Issue 19: scoped read tokens (ADR 0059). Like upload tokens, only the SHA-256 of the secret is
// kept; the id is what `shipshape token list` shows and `token revoke` takes.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("read_tokens")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    /** `owner` or `owner/name`, lower case. */
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("read_tokens").execute();
}
