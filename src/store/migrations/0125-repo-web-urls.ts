import type { Kysely } from "kysely";

// Issue 18: a repository's web address as its payloads give it (`repository.html_url`), so links
// to its pull requests work on GitHub Enterprise Server too (ADR 0074). Null until a webhook brings it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("metric_repos").addColumn("html_url", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("metric_repos").dropColumn("html_url").execute();
}
