import type { Kysely } from "kysely";

// Dashboard sessions: only a hash of the session id is kept, so a leaked table opens nothing; the
// token fingerprint ends every session when the operator changes SHIPSHAPE_API_TOKEN.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("dashboard_sessions")
    .addColumn("id_hash", "text", (c) => c.primaryKey())
    .addColumn("token_fingerprint", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("dashboard_sessions_expiry").on("dashboard_sessions").column("expires_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("dashboard_sessions").execute();
}
