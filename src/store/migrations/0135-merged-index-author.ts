import type { Kysely } from "kysely";

// Issue 16: the cycle-time report by team reads each PR's author. Outside the covering index of
// 0040, that was one table lookup per PR (100,000 for a year of a busy repo); with `author` last in
// the index the report by team is answered from the index alone, like the others (ADR 0043).
const COLUMNS = ["repo_id", "merged_at", "author_is_bot", "first_commit_at", "opened_at", "ready_at", "first_review_at", "deployed_at"];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("pull_requests_merged").execute();
  await db.schema.createIndex("pull_requests_merged").on("pull_requests").columns([...COLUMNS, "author"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex("pull_requests_merged").execute();
  await db.schema.createIndex("pull_requests_merged").on("pull_requests").columns(COLUMNS).execute();
}
