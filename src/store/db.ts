import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { AdvisoryLocks } from "./advisory-locks.js";
import { KeyedMutex } from "./keyed-mutex.js";
import { migrations } from "./migrations/index.js";
import { BusyRetrySqliteDialect, SQLITE_BUSY_TIMEOUT_MS } from "./sqlite-busy-retry.js";
import type { Database } from "./tables.js";

export type Dialect = "sqlite" | "postgres";

/** The one handle to Shipshape's storage. Only modules in `src/store/` look inside it. */
export interface Db {
  readonly kysely: Kysely<Database>;
  readonly dialect: Dialect;
  /**
   * Runs `fn` while holding an exclusive lock on `key`: in-process always, and across processes
   * on PostgreSQL (session advisory lock on a lock connection of its own).
   */
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /** True when the database answers a trivial query (SQLite: and its file can be written). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface OpenStoreOptions {
  /** `postgres://…` selects PostgreSQL; otherwise SQLite in `dataDir`. */
  databaseUrl?: string;
  /** Folder of the SQLite file; `:memory:` for a throwaway in-memory database. */
  dataDir?: string;
  /** Largest number of pooled PostgreSQL connections. */
  poolSize?: number;
}

// int8 (bigint) columns hold epoch milliseconds and counts, all far below 2^53.
pg.types.setTypeParser(20, (value: string) => Number(value));
// numeric (from aggregates such as percentile_cont) as numbers too.
pg.types.setTypeParser(1700, (value: string) => Number(value));

/** Opens the store and brings its schema up to date. */
export async function openStore(options: OpenStoreOptions = {}): Promise<Db> {
  const db = options.databaseUrl?.startsWith("postgres")
    ? openPostgres(options.databaseUrl, options.poolSize ?? 20)
    : openSqlite(options.dataDir ?? "data");
  await migrate(db.kysely, db.dialect === "postgres");
  return db;
}

function openSqlite(dataDir: string): Db {
  let file = ":memory:";
  if (dataDir !== ":memory:") {
    mkdirSync(dataDir, { recursive: true });
    file = path.join(dataDir, "shipshape.db");
  }
  const database = new SQLite(file);
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  // A long busy timeout would block the event loop while another process writes: wait briefly
  // in SQLite, then retry asynchronously (BusyRetrySqliteDialect).
  database.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
  database.pragma("foreign_keys = ON");
  const kysely = new Kysely<Database>({ dialect: new BusyRetrySqliteDialect({ database }) });
  const mutex = new KeyedMutex();
  return {
    kysely,
    dialect: "sqlite",
    withLock: (key, fn) => mutex.run(key, fn),
    ping: async () => (await ping(kysely)) && canWriteSqlite(database),
    close: () => kysely.destroy(),
  };
}

function openPostgres(connectionString: string, max: number): Db {
  const pool = new pg.Pool({ connectionString, max });
  // An idle client losing its server (a restart) must not crash the process.
  pool.on("error", () => undefined);
  // A checked-out client that loses its server emits 'error' with no pool listener attached,
  // which would crash the process; its next query fails instead, and the delivery is retried.
  pool.on("connect", (client) => client.on("error", () => undefined));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const mutex = new KeyedMutex();
  // Locks live on a session of their own, so a held lock never takes a pooled connection.
  const locks = new AdvisoryLocks(connectionString);
  return {
    kysely,
    dialect: "postgres",
    withLock: (key, fn) => mutex.run(key, () => locks.run(lockId(key), fn)),
    ping: () => ping(kysely),
    close: async () => {
      await locks.close();
      await kysely.destroy();
    },
  };
}

async function ping(kysely: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(kysely);
    return true;
  } catch {
    return false;
  }
}

async function migrate(kysely: Kysely<Database>, postgres: boolean): Promise<void> {
  // Kysely looks for its migration table in every schema unless told which: name the schema the
  // connection works in, so a database with another Shipshape schema beside ours (another
  // tenant, a test run) never makes it skip creating our own.
  const schema = postgres ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(kysely)).rows[0]?.schema : undefined;
  const migrator = new Migrator({
    db: kysely,
    ...(schema ? { migrationTableSchema: schema } : {}),
    provider: { getMigrations: async () => migrations },
    migrationTableName: "shipshape_migrations",
    migrationLockTableName: "shipshape_migrations_lock",
    // Features number their migrations in ranges (0030 coverage, 0040 metrics…): a database that
    // ran a higher number first still gets a lower one added later.
    allowUnorderedMigrations: true,
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/**
 * A write probe that writes nothing: a file that can be read but not written (a read-only mount,
 * `query_only`) fails every delivery, so it is not ready. A lock held by another writer is.
 */
function canWriteSqlite(database: SQLite.Database): boolean {
  // Inside a transaction (Kysely awaiting between statements) the connection is writing already.
  if (database.inTransaction) return true;
  try {
    database.exec("begin immediate");
    database.exec("rollback");
    return true;
  } catch (error) {
    return (error as { code?: string }).code === "SQLITE_BUSY";
  }
}

/** A signed 64-bit advisory-lock id from a string key. */
function lockId(key: string): string {
  return createHash("sha256").update(key).digest().readBigInt64BE(0).toString();
}
