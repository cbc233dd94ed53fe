import { sql, type Kysely } from "kysely";

// The outcome columns of 0040-metrics, frozen here: the registry may grow, these never change.
const OLD_COLUMNS = { ticket: "ticket_outcome", adr: "adr_outcome", coverage: "coverage_outcome" } as const;

// Per-check outcomes become rows (PR, check, outcome), so adding a check needs no migration
// (docs/design.md, "Adding a fourth check"). Existing values are copied, then the columns dropped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("pull_request_outcomes")
    .addColumn("repo_id", "bigint", (c) => c.notNull())
    .addColumn("number", "integer", (c) => c.notNull())
    .addColumn("check_key", "text", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("pull_request_outcomes_pk", ["repo_id", "number", "check_key"])
    .execute();
  // `group_by` and the dashboard look a merged PR's outcome up per check and read only the
  // outcome: a covering index answers 100,000 such lookups without touching the table.
  await db.schema.createIndex("pull_request_outcomes_lookup").on("pull_request_outcomes").columns(["repo_id", "number", "check_key", "outcome"]).execute();
  for (const [check, column] of Object.entries(OLD_COLUMNS)) {
    await sql`insert into pull_request_outcomes (repo_id, number, check_key, outcome)
      select repo_id, number, ${sql.lit(check)}, ${sql.ref(column)} from pull_requests where ${sql.ref(column)} is not null`.execute(db);
  }
  // One column per statement: SQLite drops only one at a time.
  for (const column of Object.values(OLD_COLUMNS)) await db.schema.alterTable("pull_requests").dropColumn(column).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [check, column] of Object.entries(OLD_COLUMNS)) {
    await db.schema.alterTable("pull_requests").addColumn(column, "text").execute();
    await sql`update pull_requests set ${sql.ref(column)} = (select o.outcome from pull_request_outcomes o
      where o.repo_id = pull_requests.repo_id and o.number = pull_requests.number and o.check_key = ${sql.lit(check)})`.execute(db);
  }
  await db.schema.dropTable("pull_request_outcomes").execute();
}
