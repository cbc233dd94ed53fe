import type { Probot } from "probot";
import type { AppDeps } from "./app-deps.js";
import type { BackfillRunner } from "./backfill/backfill-runner.js";
import { startDigests } from "./digest/start-digests.js";
import type { Env } from "./env.js";
import { redeliverFailed } from "./inbox/redeliver-failed.js";
import { InboxWorker } from "./inbox/worker.js";
import type { ParkingLot } from "./lib/parking.js";
import { pruneCommandReplies } from "./store/command-replies.js";
import { pruneDeliveries, releaseDeliveries } from "./store/deliveries.js";
import { githubWebUrl } from "./lib/pull-request-url.js";

const MINUTE = 60_000;

/** What runs besides answering requests: the inbox workers, the redelivery sweep, pruning, digests, backfills. */
export interface BackgroundJobs {
  worker: InboxWorker;
  /** Starts the workers and timers, and resumes unfinished backfills. */
  start(): void;
  /** Clears the timers, then finishes or hands back in-flight deliveries, digests and backfills. */
  stop(): Promise<void>;
}

/** Builds the background jobs of one process; nothing runs until `start()`. */
export async function createBackgroundJobs(params: { deps: AppDeps; backfills: BackfillRunner; probot: Probot; env: Pick<Env, "server" | "probot" | "digest">; parking?: ParkingLot }): Promise<BackgroundJobs> {
  const { deps, backfills, probot, env, parking } = params;
  const { db, telemetry, now } = deps;
  if (db.dialect === "sqlite") {
    // One process owns a SQLite file: whatever a previous run had claimed is unfinished work.
    await releaseDeliveries(db, {});
  }
  const worker = new InboxWorker({
    db,
    telemetry,
    now,
    log: { warn: (obj, msg) => probot.log.warn(obj, msg), error: (obj, msg) => probot.log.error(obj, msg) },
    concurrency: env.server.workers,
    perInstallation: env.server.workersPerInstallation,
    maxParked: env.server.workersParked,
    whileReceiving: env.server.workersWhileReceiving,
    ...(parking ? { parking } : {}),
    handle: (delivery) => probot.receive(delivery as Parameters<Probot["receive"]>[0]),
  });

  const timers: NodeJS.Timeout[] = [];
  let digests: { stop(): Promise<void> } | undefined;
  const canSweep = Boolean(env.probot.APP_ID) && env.server.redeliver;
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
    worker,
    start() {
      worker.start();
      digests = startDigests({
        db,
        now,
        digest: env.digest,
        reviewActiveDays: deps.settings.reviewActiveDays,
        links: { githubWebUrl: githubWebUrl(deps.settings), publicUrl: deps.settings.publicUrl },
        log: { info: (f, m) => probot.log.info(f, m), warn: (f, m) => probot.log.warn(f, m), error: (f, m) => probot.log.error(f, m) },
      });
      void backfills.resume().catch((error: unknown) => probot.log.warn({ err: error }, "could not resume unfinished backfills"));
      if (db.dialect !== "sqlite") {
        // Replicas share the store: a job whose process died is taken over once its lease (5 min) runs out.
        timers.push(setInterval(() => void backfills.takeOverLapsed().catch((error: unknown) => probot.log.warn({ err: error }, "could not look for abandoned backfills")), 5 * MINUTE));
      }
      if (canSweep) {
        // GitHub keeps deliveries for 3 days: at start look back almost that far, then overlap sweeps.
        timers.push(setTimeout(() => void sweep(71 * 60 * MINUTE), 5_000));
        timers.push(setInterval(() => void sweep(15 * MINUTE), 5 * MINUTE));
      }
      timers.push(setInterval(() => void pruneDeliveries(db, { finishedBefore: Date.now() - 7 * 24 * 60 * MINUTE }).catch(() => 0), 60 * MINUTE));
      // Reply claims outlive GitHub's 3-day redelivery window, and the hour of a refusal.
      timers.push(setInterval(() => void pruneCommandReplies(db, { before: Date.now() - 7 * 24 * 60 * MINUTE }).catch(() => 0), 60 * MINUTE));
      for (const timer of timers) timer.unref();
    },
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await worker.stop();
      await digests?.stop();
      await backfills.stop();
    },
  };
}
