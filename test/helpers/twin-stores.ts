import { randomBytes } from "node:crypto";
import pg from "pg";
import { openStore, type Db } from "../../src/store/db.js";

/**
 * Two handles on ONE database, as two app processes would have: SQLite shares its in-memory
 * handle (one process owns a SQLite file), PostgreSQL opens two pools on one fresh schema.
 */
export interface TwinStores {
  name: "sqlite" | "postgres";
  open(): Promise<{ a: Db; b: Db; close(): Promise<void> }>;
}

const url = process.env.TEST_DATABASE_URL;

export const twinStores: TwinStores[] = [
  {
    name: "sqlite",
    open: async () => {
      const db = await openStore({ dataDir: ":memory:" });
      return { a: db, b: db, close: () => db.close() };
    },
  },
  ...(url
    ? [
        {
          name: "postgres" as const,
          open: async () => {
            const schema = `shipshape_twin_${randomBytes(6).toString("hex")}`;
            const admin = new pg.Client({ connectionString: url });
            await admin.connect();
            await admin.query(`create schema ${schema}`);
            const scoped = new URL(url);
            scoped.searchParams.set("options", `-c search_path=${schema}`);
            const a = await openStore({ databaseUrl: scoped.toString(), poolSize: 8 });
            const b = await openStore({ databaseUrl: scoped.toString(), poolSize: 8 });
            return {
              a,
              b,
              close: async () => {
                await a.close();
                await b.close();
                await admin.query(`drop schema ${schema} cascade`);
                await admin.end();
              },
            };
          },
        },
      ]
    : []),
];
