import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { GitHub } from "../github/octokit.js";
import { createBackfillJob, listUnfinishedBackfillJobs, releaseBackfillLeases, type BackfillJob } from "../store/backfill-jobs.js";
import type { Db } from "../store/db.js";
import { recordRepository } from "../store/metric-repos.js";
import { getRepository } from "../github/get-repository.js";
import { deploymentSource } from "../metrics/deployment-sources.js";
import { rememberRepoSettings } from "../recording/metrics-config.js";
import { readMetricsSettings } from "./metrics-settings.js";
import type { BackfillClock } from "./rate-guard.js";
import { runBackfill, type BackfillLog, type BackfillOutcome, type RunBackfillParams } from "./run-backfill.js";
import { storeRecorder } from "./store-recorder.js";
import { readTeams, teamsNotRead } from "../recording/read-teams.js";

/** Default share of an installation's remaining rate limit a backfill may spend. */
export const DEFAULT_BACKFILL_SHARE = 0.5;

export type { BackfillRepo, BackfillRunner } from "../model/backfill-runner.js";
import type { BackfillRunner } from "../model/backfill-runner.js";

export interface BackfillRunnerOptions {
  db: Db;
  days: number;
  share?: number;
  /** An installation Octokit of the runner's own (`probot.auth(id)`). */
  auth: (installationId: number) => Promise<GitHub>;
  log: BackfillLog & { error(details: unknown, message: string): void };
  clock?: BackfillClock;
  pageSize?: number;
}

export function createBackfillRunner(options: BackfillRunnerOptions): BackfillRunner {
  const { db, log } = options;
  const abort = new AbortController();
  const clock = options.clock ?? realClock(abort.signal);
  const worker = workerName();
  const queued = new Set<number>();
  let chain: Promise<unknown> = Promise.resolve();

  const queue = (job: BackfillJob) => {
    if (queued.has(job.repoId) || abort.signal.aborted) return;
    queued.add(job.repoId);
    chain = chain
      .then(() => (abort.signal.aborted ? "stopped" : runJob(job)))
      .catch((error: unknown) => log.error({ err: error }, `backfill ${job.owner}/${job.repo} stopped by an error; it continues on the next start`))
      .finally(() => queued.delete(job.repoId));
  };

  const runJob = async (job: BackfillJob): Promise<BackfillOutcome> =>
    runStoredJob({
      db,
      job,
      octokit: await options.auth(job.installationId),
      worker,
      clock,
      log,
      share: options.share ?? DEFAULT_BACKFILL_SHARE,
      signal: abort.signal,
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    });

  return {
    async enqueue({ installationId, repos, days }) {
      for (const repo of repos) {
        const { job, created } = await createBackfillJob(db, {
          repoId: repo.id,
          owner: repo.owner,
          repo: repo.name,
          installationId,
          days: days ?? options.days,
          now: clock.now(),
        });
        log.info(`backfill ${repo.owner}/${repo.name}: ${created ? `importing the last ${job.days} days` : "already under way"}`);
        queue(job);
      }
    },
    async resume() {
      // PostgreSQL: a dead process's lease runs out and another process takes the job over.
      if (db.dialect === "sqlite") await releaseBackfillLeases(db);
      for (const job of await listUnfinishedBackfillJobs(db)) queue(job);
    },
    async takeOverLapsed() {
      // A job held by a live process is left alone: no GitHub request is made for it.
      const now = clock.now();
      const lapsed = (await listUnfinishedBackfillJobs(db)).filter((job) => !queued.has(job.repoId) && (job.lockedUntil === null || job.lockedUntil <= now));
      for (const job of lapsed) {
        log.info(`backfill ${job.owner}/${job.repo}: taking over the import its last process stopped renewing`);
        queue(job);
      }
      return lapsed.length;
    },
    async idle() {
      let seen: Promise<unknown> | undefined;
      while (seen !== chain) {
        seen = chain;
        await chain;
      }
    },
    async stop() {
      abort.abort();
      await this.idle();
    },
  };
}

/** Real time; a sleep ends early (rejecting) when the runner stops, so shutdown never waits for a rate-limit reset. */
export function realClock(signal: AbortSignal): BackfillClock {
  return {
    now: () => Date.now(),
    sleep: (ms) =>
      new Promise<void>((resolve, reject) => {
        if (signal.aborted) return reject(new Error("backfill stopped"));
        const timer = setTimeout(done, ms);
        timer.unref();
        function done() {
          signal.removeEventListener("abort", stopped);
          resolve();
        }
        function stopped() {
          clearTimeout(timer);
          reject(new Error("backfill stopped"));
        }
        signal.addEventListener("abort", stopped, { once: true });
      }),
  };
}

/** Runs one stored job with the repo's own metrics settings, recording into the metrics store (app and CLI alike). */
export async function runStoredJob(
  params: Omit<RunBackfillParams, "repoId" | "recorder" | "metrics"> & { job: BackfillJob },
): Promise<BackfillOutcome> {
  const { db, job, octokit, log, clock } = params;
  const metrics = await readMetricsSettings({ octokit, owner: job.owner, repo: job.repo });
  if (metrics.problem) log.warn(`backfill ${job.owner}/${job.repo}: ${metrics.problem}`);
  await recordRepository(db, { repoId: job.repoId, owner: job.owner, name: job.repo, at: clock.now() });
  // Working hours and incident sources, as a webhook reading the config stores them.
  await rememberRepoSettings(db, { repoId: job.repoId, metrics: metrics.metrics, at: clock.now() });
  // Workflow runs and merges deploy from the default branch: one request, only when they are sources.
  const branchSources = deploymentSource(metrics.sources, "workflow_runs") ?? deploymentSource(metrics.sources, "merges");
  const defaultBranch = branchSources ? (await getRepository({ octokit, owner: job.owner, repo: job.repo })).defaultBranch : null;
  // Teams group the imported history from day one; a failed read never stops the import (ADR 0064).
  await readTeams({ db, at: clock.now(), octokit, owner: job.owner, organisation: true }).catch((error: unknown) => log.warn(`backfill ${job.owner}/${job.repo}: ${teamsNotRead(job.owner, error)}`));
  const recorder = storeRecorder({ db, octokit, owner: job.owner, repo: job.repo, productionEnvironments: metrics.productionEnvironments });
  const { job: _job, ...rest } = params;
  const { productionEnvironments, incidentLabels, sources } = metrics;
  return runBackfill({ ...rest, repoId: job.repoId, recorder, metrics: { productionEnvironments, incidentLabels, sources, defaultBranch } });
}

/** A name for this process in job leases. */
export function workerName(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;
}
