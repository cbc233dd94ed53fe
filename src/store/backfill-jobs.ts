import type { Db } from "./db.js";
import type { BackfillJobsTable } from "./tables.js";

/** Where a backfill stands: pull requests first, then deployments, then incident issues. */
export type BackfillPhase = "pull_requests" | "deployments" | "incidents" | "done";
export type BackfillState = "pending" | "running" | "done" | "failed";

/** A backfill job as the engine, the CLI and `/readyz` see it. Times are epoch ms. */
export interface BackfillJob {
  repoId: number;
  owner: string;
  repo: string;
  installationId: number;
  state: BackfillState;
  phase: BackfillPhase;
  /** Opaque GraphQL cursor of the current phase; null = from its start. */
  cursor: string | null;
  /** Start of the imported window. */
  since: number;
  days: number;
  /** Merged PRs in the window, when known. */
  total: number | null;
  /** Merged PRs imported so far. */
  done: number;
  deployments: number;
  incidents: number;
  requests: number;
  attempts: number;
  startedAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** Set while the job sleeps until the rate limit resets. */
  waitingUntil: number | null;
  lastError: string | null;
  /** Until when the process running it holds it; null or past: nobody (a process that died). */
  lockedUntil: number | null;
}

/** What one completed step adds; saved together with the new cursor, so a replayed page is never counted twice. */
export interface BackfillStep {
  phase: BackfillPhase;
  cursor: string | null;
  total?: number | null;
  done?: number;
  deployments?: number;
  incidents?: number;
  requests?: number;
}

/**
 * Creates the repository's job, or restarts it over a new window when the last one finished (or
 * `restart` is set). A job that is still pending or running is left as it is, so a redelivered
 * `installation` event does not start a second import; a failed one over the same number of days
 * is set to continue from its cursor.
 */
export async function createBackfillJob(
  db: Db,
  params: { repoId: number; owner: string; repo: string; installationId: number; days: number; now: number; restart?: boolean },
): Promise<{ job: BackfillJob; created: boolean }> {
  const { repoId, now, days } = params;
  return db.withLock(`backfill:${repoId}`, async () => {
    const existing = await getBackfillJob(db, repoId);
    if (existing && !params.restart && (existing.state === "pending" || existing.state === "running")) {
      return { job: existing, created: false };
    }
    if (existing && !params.restart && existing.state === "failed" && existing.days === days) {
      // A failed import over the same window continues from its cursor.
      await db.kysely
        .updateTable("backfill_jobs")
        .set({ state: "pending", attempts: 0, installation_id: params.installationId, updated_at: now, finished_at: null })
        .where("repo_id", "=", repoId)
        .execute();
      return { job: { ...existing, state: "pending", attempts: 0, finishedAt: null, updatedAt: now }, created: false };
    }
    const row: BackfillJobsTable = {
      repo_id: repoId,
      owner: params.owner,
      repo: params.repo,
      installation_id: params.installationId,
      state: "pending",
      phase: "pull_requests",
      cursor: null,
      since: now - days * 86_400_000,
      days,
      total: null,
      done: 0,
      deployments: 0,
      incidents: 0,
      requests: 0,
      attempts: 0,
      started_at: now,
      updated_at: now,
      finished_at: null,
      waiting_until: null,
      locked_by: null,
      locked_until: null,
      last_error: null,
    };
    const { repo_id: _key, ...update } = row;
    await db.kysely
      .insertInto("backfill_jobs")
      .values(row)
      .onConflict((oc) => oc.column("repo_id").doUpdateSet(update))
      .execute();
    return { job: toJob(row), created: true };
  });
}

export async function getBackfillJob(db: Db, repoId: number): Promise<BackfillJob | undefined> {
  const row = await db.kysely.selectFrom("backfill_jobs").selectAll().where("repo_id", "=", repoId).executeTakeFirst();
  return row ? toJob(row) : undefined;
}

export async function findBackfillJob(db: Db, params: { owner: string; repo: string }): Promise<BackfillJob | undefined> {
  const row = await db.kysely
    .selectFrom("backfill_jobs")
    .selectAll()
    .where("owner", "=", params.owner)
    .where("repo", "=", params.repo)
    .orderBy("updated_at", "desc")
    .executeTakeFirst();
  return row ? toJob(row) : undefined;
}

/**
 * Takes the job for `worker` until `now + leaseMs` when nobody holds it (or their lease ran out:
 * their process died). False when another process is running it.
 */
export async function claimBackfillJob(db: Db, params: { repoId: number; worker: string; now: number; leaseMs: number }): Promise<boolean> {
  const { repoId, worker, now, leaseMs } = params;
  const result = await db.kysely
    .updateTable("backfill_jobs")
    .set((eb) => ({ state: "running", locked_by: worker, locked_until: now + leaseMs, updated_at: now, attempts: eb("attempts", "+", 1) }))
    .where("repo_id", "=", repoId)
    .where("state", "in", ["pending", "running"])
    .where((eb) => eb.or([eb("locked_until", "is", null), eb("locked_until", "<", now), eb("locked_by", "=", worker)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Saves a completed step and renews the lease. False when `worker` no longer holds the job. */
export async function saveBackfillStep(
  db: Db,
  params: { repoId: number; worker: string; now: number; leaseMs: number; step: BackfillStep },
): Promise<boolean> {
  const { repoId, worker, now, leaseMs, step } = params;
  const result = await db.kysely
    .updateTable("backfill_jobs")
    .set((eb) => ({
      phase: step.phase,
      cursor: step.cursor,
      ...(step.total === undefined ? {} : { total: step.total }),
      done: eb("done", "+", step.done ?? 0),
      deployments: eb("deployments", "+", step.deployments ?? 0),
      incidents: eb("incidents", "+", step.incidents ?? 0),
      requests: eb("requests", "+", step.requests ?? 0),
      updated_at: now,
      locked_until: now + leaseMs,
      waiting_until: null,
    }))
    .where("repo_id", "=", repoId)
    .where("locked_by", "=", worker)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Notes that the job sleeps until `until` (rate limit) and keeps its lease past that. */
export async function markBackfillWaiting(db: Db, params: { repoId: number; worker: string; now: number; until: number; leaseMs: number }): Promise<void> {
  await db.kysely
    .updateTable("backfill_jobs")
    .set({ waiting_until: params.until, updated_at: params.now, locked_until: params.until + params.leaseMs })
    .where("repo_id", "=", params.repoId)
    .where("locked_by", "=", params.worker)
    .execute();
}

/** Ends the job: `done`, or `failed` with the reason. Releases the lease. */
export async function finishBackfillJob(db: Db, params: { repoId: number; worker: string; now: number; error?: string }): Promise<void> {
  const failed = params.error !== undefined;
  await db.kysely
    .updateTable("backfill_jobs")
    .set({
      state: failed ? "failed" : "done",
      ...(failed ? {} : { phase: "done", cursor: null }),
      last_error: params.error ?? null,
      finished_at: params.now,
      updated_at: params.now,
      waiting_until: null,
      locked_by: null,
      locked_until: null,
    })
    .where("repo_id", "=", params.repoId)
    .where("locked_by", "=", params.worker)
    .execute();
}

/** Gives the job back (shutdown, transient error) so this or another process continues it later. */
export async function releaseBackfillJob(db: Db, params: { repoId: number; worker: string; now: number; error?: string }): Promise<void> {
  await db.kysely
    .updateTable("backfill_jobs")
    .set({ locked_by: null, locked_until: null, waiting_until: null, updated_at: params.now, last_error: params.error ?? null })
    .where("repo_id", "=", params.repoId)
    .where("locked_by", "=", params.worker)
    .execute();
}

/** Drops every lease: on SQLite one process owns the file, so leases left behind belong to a process that died. */
export async function releaseBackfillLeases(db: Db): Promise<void> {
  await db.kysely.updateTable("backfill_jobs").set({ locked_by: null, locked_until: null, waiting_until: null }).where("locked_by", "is not", null).execute();
}

/** Jobs a process should continue on start: pending or running, whoever last held them. */
export async function listUnfinishedBackfillJobs(db: Db): Promise<BackfillJob[]> {
  const rows = await db.kysely.selectFrom("backfill_jobs").selectAll().where("state", "in", ["pending", "running"]).orderBy("started_at").execute();
  return rows.map(toJob);
}

/** A running or pending backfill, for `/readyz` and the CLI. */
export interface BackfillProgress {
  repo: string;
  state: BackfillState;
  phase: BackfillPhase;
  done: number;
  total: number | null;
  deployments: number;
  incidents: number;
  startedAt: string;
  waitingUntil: string | null;
}

/** The backfills still under way, with PRs done out of the total. */
export async function backfillProgress(db: Db): Promise<BackfillProgress[]> {
  const jobs = await listUnfinishedBackfillJobs(db);
  return jobs.map((job) => ({
    repo: `${job.owner}/${job.repo}`,
    state: job.state,
    phase: job.phase,
    done: job.done,
    total: job.total,
    deployments: job.deployments,
    incidents: job.incidents,
    startedAt: new Date(job.startedAt).toISOString(),
    waitingUntil: job.waitingUntil === null ? null : new Date(job.waitingUntil).toISOString(),
  }));
}

/** Failed backfills with their reason, for `/readyz` and the dashboard: each continues with `shipshape backfill owner/repo`. */
export async function listFailedBackfills(db: Db): Promise<Array<{ repo: string; reason: string; failedAt: string | null }>> {
  const rows = await db.kysely.selectFrom("backfill_jobs").selectAll().where("state", "=", "failed").orderBy("updated_at", "desc").limit(50).execute();
  return rows.map((row) => ({ repo: `${row.owner}/${row.repo}`, reason: row.last_error ?? "unknown error", failedAt: row.finished_at === null ? null : new Date(Number(row.finished_at)).toISOString() }));
}

function toJob(row: BackfillJobsTable): BackfillJob {
  return {
    repoId: Number(row.repo_id),
    owner: row.owner,
    repo: row.repo,
    installationId: Number(row.installation_id),
    state: row.state,
    phase: row.phase,
    cursor: row.cursor,
    since: Number(row.since),
    days: row.days,
    total: row.total,
    done: row.done,
    deployments: row.deployments,
    incidents: row.incidents,
    requests: row.requests,
    attempts: row.attempts,
    startedAt: Number(row.started_at),
    updatedAt: Number(row.updated_at),
    finishedAt: row.finished_at === null ? null : Number(row.finished_at),
    waitingUntil: row.waiting_until === null ? null : Number(row.waiting_until),
    lastError: row.last_error,
    lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
  };
}
