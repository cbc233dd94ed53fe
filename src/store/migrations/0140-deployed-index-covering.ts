import type { Kysely } from "kysely";

// Issue 16: lead time for changes reads each deployed PR's first commit and opening. With only
// `first_commit_at` in the index of 0040, a year of a busy repo was 100,000 table lookups; with the
// bot flag and `opened_at` in it the DORA report's PRs are read from the index alone (ADR 0043).
const BEFORE = ["repo_id", "deployed_at", "first_commit_at"];
const AFTER = ["repo_id", "deployed_at", "author_is_bot", "first_commit_at", "opened_at"];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("pull_requests_deployed").execute();
  await db.schema.createIndex("pull_requests_deployed").on("pull_requests").columns(AFTER).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("pull_requests_deployed").execute();
  await db.schema.createIndex("pull_requests_deployed").on("pull_requests").columns(BEFORE).execute();
}
