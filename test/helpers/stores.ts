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
  ...(url ? [{ name: "postgres" as const, open: () => openPostgresStore(url) }] : []),
];

/**
 * Each open gets its own database, so suites running in parallel never see each other's rows.
 * A database, not a schema: Kysely's migrator looks for its own tables in every schema it can
 * see, so a second live schema in one database makes a fresh one skip creating them and fail.
 */
export async function openPostgresDatabase(baseUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `shipshape_test_${randomBytes(6).toString("hex")}`;
  await admin(baseUrl, `create database ${name}`);
  const scoped = new URL(baseUrl);
  scoped.pathname = `/${name}`;
  return { url: scoped.toString(), drop: () => admin(baseUrl, `drop database if exists ${name} with (force)`) };
}

async function openPostgresStore(baseUrl: string): Promise<Db> {
  const database = await openPostgresDatabase(baseUrl);
  let db: Db;
  try {
    db = await openStore({ databaseUrl: database.url, poolSize: 4 });
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    ...db,
    close: async () => {
      await db.close();
      await database.drop();
    },
  };
}

async function admin(baseUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
