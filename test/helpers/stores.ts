import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStore, type Db } from "../../src/store/db.js";

/** A store a suite runs against: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export interface StoreUnderTest {
  name: "sqlite" | "postgres";
  /** A fresh, migrated, empty store; `close()` it when done (PostgreSQL drops its schema). */
  open(): Promise<Db>;
}

const url = process.env.TEST_DATABASE_URL;

if (!url) {
  console.warn("PostgreSQL store tests SKIPPED: set TEST_DATABASE_URL=postgres://… to run them too.");
}

export const stores: StoreUnderTest[] = [
  { name: "sqlite", open: () => openStore({ dataDir: ":memory:" }) },
  ...(url ? [{ name: "postgres" as const, open: () => openPostgresSchema(url) }] : []),
];

/** Each open gets its own schema, so suites running in parallel never see each other's rows. */
async function openPostgresSchema(baseUrl: string): Promise<Db> {
  const schema = `shipshape_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scoped = new URL(baseUrl);
  scoped.searchParams.set("options", `-c search_path=${schema}`);
  const db = await openStore({ databaseUrl: scoped.toString(), poolSize: 4 });
  return {
    ...db,
    close: async () => {
      await db.close();
      const cleanup = new pg.Client({ connectionString: baseUrl });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}
