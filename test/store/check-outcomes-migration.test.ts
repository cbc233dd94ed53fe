import { sql, type Kysely } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { migrations } from "../../src/store/migrations/index.js";
import { stores } from "../helpers/stores.js";

const migration = migrations["0061-check-outcomes"]!;

describe.each(stores)("migration 0061-check-outcomes on $name", (store) => {
  let db: Db;
  beforeEach(async () => {
    db = await store.open();
  });
  afterEach(() => db.close());

  it("moves the outcome columns of existing PRs into one row per check, and drops the columns", async () => {
    const raw = db.kysely as unknown as Kysely<unknown>;
    // Back to the schema before it: outcomes as columns of pull_requests.
    await migration.down!(raw);
    await sql`insert into pull_requests (repo_id, number, ticket_outcome, adr_outcome, coverage_outcome) values
      (1, 7, 'success', null, 'skipped'), (1, 8, null, null, null), (2, 7, 'failure', 'pending', 'neutral')`.execute(raw);

    await migration.up(raw);

    const rows = await db.kysely.selectFrom("pull_request_outcomes").selectAll().orderBy("repo_id").orderBy("number").orderBy("check_key").execute();
    expect(rows.map((r) => ({ ...r, repo_id: Number(r.repo_id) }))).toEqual([
      { repo_id: 1, number: 7, check_key: "coverage", outcome: "skipped" },
      { repo_id: 1, number: 7, check_key: "ticket", outcome: "success" },
      { repo_id: 2, number: 7, check_key: "adr", outcome: "pending" },
      { repo_id: 2, number: 7, check_key: "coverage", outcome: "neutral" },
      { repo_id: 2, number: 7, check_key: "ticket", outcome: "failure" },
    ]);
    const columns = Object.keys((await db.kysely.selectFrom("pull_requests").selectAll().where("number", "=", 8).executeTakeFirstOrThrow()) as object);
    expect(columns).not.toContain("ticket_outcome");
    expect(columns).not.toContain("adr_outcome");
    expect(columns).not.toContain("coverage_outcome");
  });

  it("puts the rows back into columns when rolled back", async () => {
    const raw = db.kysely as unknown as Kysely<unknown>;
    await sql`insert into pull_requests (repo_id, number) values (1, 7)`.execute(raw);
    await db.kysely.insertInto("pull_request_outcomes").values({ repo_id: 1, number: 7, check_key: "adr", outcome: "failure" }).execute();
    await migration.down!(raw);
    const row = await sql<{ ticket_outcome: string | null; adr_outcome: string | null }>`select ticket_outcome, adr_outcome from pull_requests where number = 7`.execute(raw);
    expect(row.rows).toEqual([{ ticket_outcome: null, adr_outcome: "failure" }]);
  });
});
