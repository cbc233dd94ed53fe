import type { Kysely } from "kysely";

// Issue 16 (ADR 0064): teams are read on webhooks; a fingerprint of what each source last said
// lets an unchanged read cost one indexed lookup instead of a rewrite.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("metric_team_syncs").addColumn("fingerprint", "text").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("metric_team_syncs").dropColumn("fingerprint").execute();
}
