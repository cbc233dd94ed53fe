import { sql } from "kysely";
import type { Db } from "./db.js";
import type { BackfillJobsTable } from "./tables.js";

/** How current one repository's figures are: the newest fact recorded, and its backfill. Times epoch ms. */
export interface RepositoryFreshness {
  repoId: number;
  /** The newest of: a PR payload's `updated_at`, a deployment status, the repository last seen. */
  lastUpdatedAt: number | null;
  backfill: {
    state: BackfillJobsTable["state"];
    phase: BackfillJobsTable["phase"];
    done: number;
    total: number | null;
    finishedAt: number | null;
    updatedAt: number;
    lastError: string | null;
  } | null;
}

/** Freshness of every repository of `repoIds` (three grouped reads, whatever their number). */
export async function listRepositoryFreshness(db: Db, repoIds: readonly number[]): Promise<RepositoryFreshness[]> {
  if (repoIds.length === 0) return [];
  const [repos, prs, deployments, jobs] = await Promise.all([
    db.kysely.selectFrom("metric_repos").select(["repo_id", "updated_at"]).where("repo_id", "in", repoIds).execute(),
    db.kysely
      .selectFrom("pull_requests")
      .select(["repo_id", sql<number | null>`max(snapshot_at)`.as("at")])
      .where("repo_id", "in", repoIds)
      .groupBy("repo_id")
      .execute(),
    db.kysely
      .selectFrom("deployments")
      .select(["repo_id", sql<number | null>`max(coalesce(status_at, created_at))`.as("at")])
      .where("repo_id", "in", repoIds)
      .groupBy("repo_id")
      .execute(),
    db.kysely
      .selectFrom("backfill_jobs")
      .select(["repo_id", "state", "phase", "done", "total", "finished_at", "updated_at", "last_error"])
      .where("repo_id", "in", repoIds)
      .execute(),
  ]);
  const latest = new Map<number, number>();
  const note = (repoId: unknown, at: unknown) => {
    if (at === null || at === undefined) return;
    const id = Number(repoId);
    latest.set(id, Math.max(latest.get(id) ?? 0, Number(at)));
  };
  for (const r of repos) note(r.repo_id, r.updated_at);
  for (const r of prs) note(r.repo_id, r.at);
  for (const r of deployments) note(r.repo_id, r.at);
  const jobOf = new Map(jobs.map((j) => [Number(j.repo_id), j]));
  return repoIds.map((repoId) => {
    const job = jobOf.get(repoId);
    return {
      repoId,
      lastUpdatedAt: latest.get(repoId) ?? null,
      backfill: job
        ? {
            state: job.state,
            phase: job.phase,
            done: job.done,
            total: job.total,
            finishedAt: job.finished_at === null ? null : Number(job.finished_at),
            updatedAt: Number(job.updated_at),
            lastError: job.last_error,
          }
        : null,
    };
  });
}
