import type { Kysely } from "kysely";

// Issue 16, bug 3: an issue stops counting as an incident when its label is removed, or it is
// deleted or transferred out. Rows recorded before were all labelled and present.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("incidents").addColumn("labelled", "integer", (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable("incidents").addColumn("gone_at", "bigint").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("incidents").dropColumn("gone_at").execute();
  await db.schema.alterTable("incidents").dropColumn("labelled").execute();
}
