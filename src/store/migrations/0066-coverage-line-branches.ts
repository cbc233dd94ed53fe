import type { Kysely } from "kysely";

// Branch counts per line ("12:1/2,30:0/4"), so a partial line (ran, with a branch not taken) is
// known after a report is stored and merged again, and the count of partial lines per file for
// the project figure. Rows stored before have neither: no branch data, no partial line.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("coverage_files").addColumn("branches", "text", (c) => c.notNull().defaultTo("")).execute();
  await db.schema.alterTable("coverage_files").addColumn("lines_partial", "integer", (c) => c.notNull().defaultTo(0)).execute();
}
