import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createProbot, type Probot } from "probot";
import type { AppDeps } from "./app-deps.js";
import { createMemoryBudget } from "./byte-budget.js";
import { createBackfillRunner } from "./backfill/backfill-runner.js";
import { ConfigCache } from "./config/config-cache.js";
import type { GitHub } from "./github/octokit.js";
import { PullRequestCache } from "./github/pull-request-cache.js";
import { shipshapeOctokit } from "./github/shipshape-octokit.js";
import { AuthThrottle } from "./http/auth-throttle.js";
import { healthRoutes } from "./http/health-routes.js";
import { createRouter } from "./http/router.js";
import { createRoutes } from "./http/routes.js";
import type { UploadedCoverage } from "./http/coverage-upload-route.js";
import { postCoverageAfterUpload } from "./handlers/on-coverage-upload.js";
import { shipshape } from "./index.js";
import { redeliverFailed } from "./inbox/redeliver-failed.js";
import { createWebhookIntake } from "./inbox/webhook-intake.js";
import { InboxWorker } from "./inbox/worker.js";
import { readSettings, webhookSecret } from "./settings.js";
import { backfillProgress } from "./store/backfill-jobs.js";
import { openStore, type Db } from "./store/db.js";
import { pruneCommandReplies } from "./store/command-replies.js";
import { pruneDeliveries, releaseDeliveries } from "./store/deliveries.js";
import { startDigests } from "./digest/start-digests.js";
import { createTelemetry } from "./telemetry.js";

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

const MINUTE = 60_000;

/** Builds the whole app from an environment (Probot's variables plus Shipshape's; see `.env.example`). */
export async function createShipshapeServer(env: NodeJS.ProcessEnv): Promise<ShipshapeServer> {
  const secret = webhookSecret(env);
  const settings = readSettings(env);
  const db = await openStore({ ...(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : {}), dataDir: settings.dataDir });
  const telemetry = createTelemetry({ defaultMetrics: true });
  const now = () => new Date();
  const probot = createProbot({
    env: { ...env, WEBHOOK_SECRET: secret },
    overrides: {
      Octokit: shipshapeOctokit({
        onRequest: (status) => telemetry.githubRequests.inc({ status: String(status) }),
        onRateLimitRemaining: (installation, remaining) => telemetry.rateLimitRemaining.set({ installation }, remaining),
      }),
    },
  });
  // Backfills run in this process from their stored jobs: started by installation events, resumed at start.
  // Probot creates its logger on first use, so the runner looks it up each time.
  const backfillLog = { info: (m: string) => probot.log.info(m), warn: (m: string) => probot.log.warn(m), error: (d: unknown, m: string) => probot.log.error(d, m) };
  const backfills = createBackfillRunner({ db, days: settings.backfillDays, share: settings.backfillShare, auth: async (id) => (await probot.auth(id)) as GitHub, log: backfillLog });
  const deps: AppDeps = {
    db,
    now,
    configCache: new ConfigCache(5 * MINUTE, () => Date.now()),
    pullRequestCache: new PullRequestCache(),
    telemetry,
    memory: createMemoryBudget({ webhookBodyBytes: settings.webhookBodyBudgetBytes, inflateBytes: settings.inflateBudgetBytes }),
    settings,
    backfills,
  };
  await probot.load(shipshape(deps));

  if (db.dialect === "sqlite") {
    // One process owns a SQLite file: whatever a previous run had claimed is unfinished work.
    await releaseDeliveries(db, {});
  }
  const worker = new InboxWorker({
    db,
    telemetry,
    now,
    log: { warn: (obj, msg) => probot.log.warn(obj, msg), error: (obj, msg) => probot.log.error(obj, msg) },
    concurrency: numberFrom(env.SHIPSHAPE_WORKERS, 4),
    handle: (delivery) => probot.receive(delivery as Parameters<Probot["receive"]>[0]),
  });
  const intake = createWebhookIntake({ path: env.WEBHOOK_PATH || "/api/github/webhooks", secret, db, telemetry, now, budget: deps.memory.webhookBodies, onStored: () => worker.notify() });
  // The report is stored before this runs, and CI does not wait for GitHub: the check is posted in
  // the background; if that fails, the PR's next event judges the stored report.
  const postCoverage = postCoverageAfterUpload({ deps, auth: async (id) => (await probot.auth(id)) as GitHub });
  const afterCoverageUpload = async (upload: UploadedCoverage) => {
    void postCoverage(upload).catch((error: unknown) => probot.log.warn({ err: error }, "coverage uploaded; posting its check failed and waits for the PR's next event"));
  };
  const throttle = new AuthThrottle();
  const router = createRouter({
    routes: [...healthRoutes({ db, telemetry, apiToken: settings.apiToken, throttle, probes: { backfills: backfillProbe(db) } }), ...createRoutes(deps, { afterCoverageUpload, throttle })],
    apiToken: settings.apiToken,
    throttle,
    log: { debug: (message) => probot.log.debug(message) },
  });

  const http = createServer((req, res) => {
    void (async () => {
      try {
        if (await intake(req, res)) return;
        if (await router(req, res)) return;
        res.writeHead(404, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ error: "not found" }));
      } catch (error) {
        probot.log.error({ err: error }, "request failed");
        if (!res.headersSent) res.writeHead(500, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify({ error: "internal error" }));
      }
    })();
  });
  http.requestTimeout = 60_000;

  const timers: NodeJS.Timeout[] = [];
  let digests: { stop(): Promise<void> } | undefined;
  const canSweep = Boolean(env.APP_ID) && !env.SHIPSHAPE_DISABLE_REDELIVERY;
  const sweep = async (windowMs: number) => {
    try {
      const appOctokit = await probot.auth();
      const count = await db.withLock("redeliver-sweep", () => redeliverFailed({ appOctokit, db, now: now(), windowMs }));
      if (count > 0) probot.log.info(`asked GitHub to redeliver ${count} failed deliveries`);
    } catch (error) {
      probot.log.warn({ err: error }, "could not check GitHub for failed deliveries; will try again");
    }
  };

  return {
    probot,
    deps,
    worker,
    http,
    async start() {
      const port = numberFrom(env.PORT, 3000);
      await new Promise<void>((resolve, reject) => {
        http.once("error", reject);
        http.listen(port, env.HOST || undefined, () => resolve());
      });
      worker.start();
      digests = startDigests({
        db,
        now,
        env,
        log: { info: (f, m) => probot.log.info(f, m), warn: (f, m) => probot.log.warn(f, m), error: (f, m) => probot.log.error(f, m) },
      });
      void backfills.resume().catch((error: unknown) => probot.log.warn({ err: error }, "could not resume unfinished backfills"));
      if (canSweep) {
        // GitHub keeps deliveries for 3 days: at start look back almost that far, then overlap sweeps.
        timers.push(setTimeout(() => void sweep(71 * 60 * MINUTE), 5_000));
        timers.push(setInterval(() => void sweep(15 * MINUTE), 5 * MINUTE));
      }
      timers.push(setInterval(() => void pruneDeliveries(db, { finishedBefore: Date.now() - 7 * 24 * 60 * MINUTE }).catch(() => 0), 60 * MINUTE));
      // Reply claims outlive GitHub's 3-day redelivery window, and the hour of a refusal.
      timers.push(setInterval(() => void pruneCommandReplies(db, { before: Date.now() - 7 * 24 * 60 * MINUTE }).catch(() => 0), 60 * MINUTE));
      for (const timer of timers) timer.unref();
      const address = http.address() as AddressInfo;
      probot.log.info(`Shipshape listening on port ${address.port} (${db.dialect})`);
      return { port: address.port };
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeIdleConnections();
      await worker.stop();
      await digests?.stop();
      await backfills.stop();
      await closed;
      await db.close();
    },
  };
}

/** Public: how many backfills run; with the API token: which repositories, and how far. */
function backfillProbe(db: Db) {
  return async () => {
    const jobs = await backfillProgress(db);
    return { counts: { running: jobs.length }, details: { jobs } };
  };
}

function numberFrom(value: string | undefined, fallback: number): number {
  const parsed = Number(value);
  return value !== undefined && value !== "" && Number.isFinite(parsed) ? parsed : fallback;
}
