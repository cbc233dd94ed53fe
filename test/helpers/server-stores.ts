import { openPostgresDatabase } from "./stores.js";
import { getDelivery } from "../../src/store/deliveries.js";
import { deliver, eventually, startServer } from "./server.js";

export type StartedServer = Awaited<ReturnType<typeof startServer>>;

/** The app as `npm start` builds it, on each store: SQLite always, PostgreSQL when TEST_DATABASE_URL is set. */
export interface ServerOnStore {
  name: "sqlite" | "postgres";
  /** Starts the server on a fresh, empty store; `stop()` it when done (PostgreSQL drops its database). */
  start(env?: NodeJS.ProcessEnv): Promise<StartedServer>;
}

const url = process.env.TEST_DATABASE_URL;

export const serverStores: ServerOnStore[] = [
  { name: "sqlite", start: (env = {}) => startServer(env) },
  ...(url
    ? [{
        name: "postgres" as const,
        start: async (env: NodeJS.ProcessEnv = {}) => {
          const database = await openPostgresDatabase(url);
          const server = await startServer({ ...env, DATABASE_URL: database.url });
          const stop = server.stop.bind(server);
          return Object.assign(server, { stop: async () => (await stop(), await database.drop()) });
        },
      }]
    : []),
];

/** Delivers as GitHub does and waits until the inbox finished it (fails on a dead letter). */
export async function deliverDone(server: StartedServer, params: { event: string; id: string; payload: unknown }): Promise<void> {
  const response = await deliver(server.url, params);
  if (response.status !== 202) throw new Error(`delivery ${params.id} answered ${response.status}`);
  await eventually(async () => {
    const stored = await getDelivery(server.deps.db, params.id);
    if (stored?.status === "dead") throw new Error(`delivery ${params.id} is dead: ${stored.last_error}`);
    return stored?.status === "done";
  }, `delivery ${params.id} done`);
}
