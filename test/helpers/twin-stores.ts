import { openStore, type Db } from "../../src/store/db.js";
import { openPostgresDatabase } from "./stores.js";

/**
 * Two handles on ONE database, as two app processes would have: SQLite shares its in-memory
 * handle (one process owns a SQLite file), PostgreSQL opens two pools on one fresh database.
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
            // Its own database, as test/helpers/stores.ts explains.
            const database = await openPostgresDatabase(url);
            const a = await openStore({ databaseUrl: database.url, poolSize: 8 });
            const b = await openStore({ databaseUrl: database.url, poolSize: 8 });
            return {
              a,
              b,
              close: async () => {
                await a.close();
                await b.close();
                await database.drop();
              },
            };
          },
        },
      ]
    : []),
];
