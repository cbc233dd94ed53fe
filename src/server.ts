import type { Server } from "node:http";
import { createProbot, type Probot } from "probot";
import { SmeeClient } from "smee-client";
import type { AppDeps } from "./app-deps.js";
import { createBackgroundJobs } from "./background-jobs.js";
import { createMemoryBudget } from "./lib/byte-budget.js";
import { createBackfillRunner } from "./backfill/backfill-runner.js";
import { requireWebhookSecret, type Env } from "./env.js";
import { createCaches } from "./gather/caches.js";
import type { GitHub } from "./github/octokit.js";
import { parkedPacing } from "./github/parked-pacing.js";
import { localPacing, pacingWarning, sharedPacing } from "./github/shared-pacing.js";
import { ParkingLot } from "./lib/parking.js";
import { shipshapeOctokit } from "./github/shipshape-octokit.js";
import { createHttpServer } from "./http-server.js";
import { describeStore } from "./startup-checks.js";
import { shipshape } from "./index.js";
import type { InboxWorker } from "./inbox/worker.js";
import { openStore } from "./store/db.js";
import { createTelemetry } from "./lib/telemetry.js";

export interface ShipshapeServer {
  probot: Probot;
  deps: AppDeps;
  worker: InboxWorker;
  http: Server;
  /** Listens on `PORT` (0 = any free port) and starts the workers. */
  start(): Promise<{ port: number }>;
  /** Stops accepting, finishes or hands back in-flight work, closes the store. */
  stop(): Promise<void>;
}


/**
 * Builds the whole app from the parsed environment (`parseEnv` in `env.ts`): the dependencies
 * (store, telemetry, caches, memory budget, Probot), then the HTTP server and the background jobs.
 */
export async function createShipshapeServer(env: Env): Promise<ShipshapeServer> {
  const secret = requireWebhookSecret(env);
  const { settings } = env;
  const db = await openStore(env.store);
  const telemetry = createTelemetry({ defaultMetrics: true });
  const now = () => new Date();
  // Probot's logger exists only once Probot does: the Redis handlers look it up when called.
  let log: { warn(message: string): void; info(message: string): void; error(message: string): void } = console;
  const pacing = env.redisUrl ? sharedPacing(env.redisUrl, { warn: (m) => log.warn(m), info: (m) => log.info(m), error: (m) => log.error(m) }) : undefined;
  // A delivery waiting for its installation's turn lends its worker slot meanwhile (ADR 0078).
  const parking = new ParkingLot();
  const probot = createProbot({
    env: { ...env.probot, WEBHOOK_SECRET: secret },
    overrides: {
      Octokit: shipshapeOctokit({
        onRequest: (status) => telemetry.githubRequests.inc({ status: String(status) }),
        onRateLimitRemaining: (installation, remaining) => telemetry.rateLimitRemaining.set({ installation }, remaining),
      }, parkedPacing(pacing?.throttle ?? localPacing(), parking)),
    },
  });
  log = { warn: (m) => probot.log.warn(m), info: (m) => probot.log.info(m), error: (m) => probot.log.error(m) };
  // Backfills run in this process from their stored jobs: started by installation events, resumed at start.
  // Probot creates its logger on first use, so the runner looks it up each time.
  const backfillLog = { info: (m: string) => probot.log.info(m), warn: (m: string) => probot.log.warn(m), error: (d: unknown, m: string) => probot.log.error(d, m) };
  const backfills = createBackfillRunner({ db, days: settings.backfillDays, share: settings.backfillShare, auth: async (id) => (await probot.auth(id)) as GitHub, log: backfillLog });
  const deps: AppDeps = {
    db,
    now,
    caches: createCaches({ now: Date.now }),
    telemetry,
    memory: createMemoryBudget({ webhookBodyBytes: settings.webhookBodyBudgetBytes, inflateBytes: settings.inflateBudgetBytes }),
    settings,
    backfills,
    trackers: { warn: (line) => probot.log.warn(line) },
  };
  await probot.load(shipshape(deps));

  const jobs = await createBackgroundJobs({ deps, backfills, probot, env, parking });
  const http = createHttpServer({ deps, probot, secret, server: env.server, onStored: () => jobs.worker.received() });

  let smee: SmeeClient | undefined;
  return {
    probot,
    deps,
    worker: jobs.worker,
    http: http.server,
    async start() {
      const port = await http.listen(env.server.port, env.server.host);
      if (env.webhookProxyUrl) smee = await forwardWebhookProxy({ source: env.webhookProxyUrl, target: `http://127.0.0.1:${port}${env.server.webhookPath}`, log: probot.log });
      jobs.start();
      const warning = pacingWarning({ databaseUrl: env.store.databaseUrl, redisUrl: env.redisUrl });
      if (warning) probot.log.warn(warning);
      probot.log.info(`Shipshape listening on port ${port}; store: ${describeStore(env.store)}`);
      return { port };
    },
    async stop() {
      // Stop accepting first, then finish or hand back the work in flight, and close the store last.
      await smee?.stop();
      const closed = http.close();
      await jobs.stop();
      await closed;
      await db.close();
      await pacing?.close();
    },
  };
}

/**
 * Local development: deliveries sent to the smee.io channel (`WEBHOOK_PROXY_URL`) are posted to
 * this process's webhook path, as Probot's own server does. A channel that cannot be reached is
 * a warning, not a failed start: the app still serves its API and dashboard.
 */
async function forwardWebhookProxy(params: { source: string; target: string; log: Probot["log"] }): Promise<SmeeClient | undefined> {
  const { log } = params;
  const client = new SmeeClient({ source: params.source, target: params.target, logger: { info: (message: string) => log.info(message), error: (...args: unknown[]) => log.warn(args.map(String).join(" ")) } });
  try {
    await client.start();
    log.info(`Forwarding webhooks from ${params.source} to ${params.target}`);
    return client;
  } catch {
    await client.stop();
    log.warn(`Could not reach WEBHOOK_PROXY_URL ${params.source}: webhooks are not forwarded; check the URL (or the network) and restart.`);
    return undefined;
  }
}
