import type { Kysely } from "kysely";

// Issue 19: GitHub sign-in sessions (ADR 0058). Only the SHA-256 of the session id is kept; the
// user token and refresh token are sealed (AES-256-GCM, src/auth/seal.ts), never in the clear.
// The scope is what GitHub answered for the user's installations: owners and owner/name, lower case.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("github_sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("id_hash", "text", (c) => c.notNull().unique())
    .addColumn("login", "text", (c) => c.notNull())
    /** JSON: `{ "owners": [...], "repos": [...] }`. */
    .addColumn("scope", "text", (c) => c.notNull())
    .addColumn("sealed_token", "text", (c) => c.notNull())
    .addColumn("sealed_refresh_token", "text")
    .addColumn("token_expires_at", "bigint")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("refreshed_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .execute();
  await db.schema.createIndex("github_sessions_expiry").on("github_sessions").column("expires_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("github_sessions").execute();
}
