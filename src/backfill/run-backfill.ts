import { getRateLimit } from "../github/get-rate-limit.js";
import { listIncidentIssues } from "../github/list-incident-issues.js";
import { listMergedPullRequests } from "../github/list-merged-pull-requests.js";
import { listPullRequestCommits } from "../github/list-pull-request-commits.js";
import type { GitHub } from "../github/octokit.js";
import { watchRateLimit } from "../github/watch-rate-limit.js";
import { deploymentSource, type DeploymentSourceSettings } from "../metrics/deployment-sources.js";
import { revertTarget } from "../metrics/revert-target.js";
import { mergeDeployment, type SourceDeployment } from "../recording/record-source-deployment.js";
import {
  claimBackfillJob,
  finishBackfillJob,
  getBackfillJob,
  markBackfillWaiting,
  releaseBackfillJob,
  saveBackfillStep,
  type BackfillJob,
  type BackfillStep,
} from "../store/backfill-jobs.js";
import type { Db } from "../store/db.js";
import type { BackfillRecorder } from "./backfill-recorder.js";
import { deploymentStep } from "./deployment-steps.js";
import { needsAllCommits, pullRequestEvents } from "./pull-request-events.js";
import { RateGuard, type BackfillClock } from "./rate-guard.js";

export type { BackfillRecorder } from "./backfill-recorder.js";

export interface BackfillLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface RunBackfillParams {
  db: Db;
  /** An Octokit of the backfill's own (rate-limit hooks are added to it). */
  octokit: GitHub;
  repoId: number;
  /** This run's identity in the job's lease. */
  worker: string;
  clock: BackfillClock;
  log: BackfillLog;
  recorder: BackfillRecorder;
  /**
   * `metrics.production_environments`, `metrics.incident_labels` and `metrics.deployments` of the
   * repo's config (default: GitHub deployments only), and its default branch (workflow runs and
   * merges deploy from it; null: neither is imported).
   */
  metrics: { productionEnvironments: string[]; incidentLabels: string[]; sources?: DeploymentSourceSettings[]; defaultBranch?: string | null };
  /** Largest share of the remaining rate limit the backfill may spend (0-1). */
  share: number;
  pageSize?: number;
  leaseMs?: number;
  /** Consecutive failures of one step before the job is marked failed. */
  maxAttempts?: number;
  /** Aborting stops after the current step; the job is handed back and continues later. */
  signal?: AbortSignal;
  onProgress?: (job: BackfillJob) => void;
}

export type BackfillOutcome = "done" | "failed" | "stopped" | "busy";

/**
 * Runs (or continues) one repository's backfill from its stored phase and cursor: merged PRs,
 * then production deployments, then incident issues, one GraphQL page per step. Each step's
 * facts are recorded before its cursor is saved, so an interruption at any point replays at most
 * one page, which the idempotent recorders absorb.
 */
export async function runBackfill(params: RunBackfillParams): Promise<BackfillOutcome> {
  const { db, octokit, repoId, worker, clock, log } = params;
  const leaseMs = params.leaseMs ?? 5 * 60_000;
  if (!(await claimBackfillJob(db, { repoId, worker, now: clock.now(), leaseMs }))) return "busy";
  let job = (await getBackfillJob(db, repoId)) as BackfillJob;
  const name = `${job.owner}/${job.repo}`;
  const guard = new RateGuard({
    share: params.share,
    clock,
    onWait: async ({ resource, until, window }) => {
      log.info(`backfill ${name}: ${window.remaining} ${resource} requests left (keeping ${window.reserve} for webhooks); waiting until ${new Date(until).toISOString()}`);
      await markBackfillWaiting(db, { repoId, worker, now: clock.now(), until, leaseMs });
    },
  });
  watchRateLimit(octokit, guard);
  for (const resource of await getRateLimit(octokit)) guard.observe(resource);

  let failures = 0;
  while (job.phase !== "done") {
    if (params.signal?.aborted) {
      await releaseBackfillJob(db, { repoId, worker, now: clock.now() });
      log.info(`backfill ${name}: stopped at ${job.phase}; it continues from there`);
      return "stopped";
    }
    const before = guard.requests;
    let step: BackfillStep;
    try {
      step = await runStep({ ...params, job });
      failures = 0;
    } catch (error) {
      if (params.signal?.aborted) continue;
      failures += 1;
      const message = error instanceof Error ? error.message : String(error);
      if (failures >= (params.maxAttempts ?? 3)) {
        await finishBackfillJob(db, { repoId, worker, now: clock.now(), error: message });
        log.warn(`backfill ${name}: failed at ${job.phase} (${message}); run \`shipshape backfill ${name}\` to continue`);
        return "failed";
      }
      log.warn(`backfill ${name}: ${message}; retrying`);
      await clock.sleep(2 ** failures * 1_000);
      continue;
    }
    step.requests = guard.requests - before;
    if (!(await saveBackfillStep(db, { repoId, worker, now: clock.now(), leaseMs, step }))) return "busy";
    job = (await getBackfillJob(db, repoId)) as BackfillJob;
    log.info(`backfill ${name}: ${progressLine(job)}`);
    params.onProgress?.(job);
  }
  try {
    await params.recorder.finish?.({ repoId, since: job.since });
  } catch (error) {
    // Outside the step retry: an error here must still end the job, or it stays `running` for ever.
    const message = error instanceof Error ? error.message : String(error);
    await finishBackfillJob(db, { repoId, worker, now: clock.now(), error: `linking deployments: ${message}` });
    log.warn(`backfill ${name}: failed linking deployments (${message}); run \`shipshape backfill ${name}\` to continue`);
    return "failed";
  }
  await finishBackfillJob(db, { repoId, worker, now: clock.now() });
  log.info(`backfill ${name}: done, ${job.done} merged PRs, ${job.deployments} deployments, ${job.incidents} incidents in ${job.requests} requests`);
  return "done";
}

/** One page of the current phase, recorded; says where the next step starts. */
async function runStep(params: RunBackfillParams & { job: BackfillJob }): Promise<BackfillStep> {
  const { job, octokit, recorder, repoId } = params;
  const first = params.pageSize ?? 25;
  const base = { octokit, owner: job.owner, repo: job.repo, after: job.cursor, first };
  const since = new Date(job.since).toISOString();
  const sources = params.metrics.sources ?? DEFAULT_SOURCES;
  const defaultBranch = params.metrics.defaultBranch ?? null;
  const next = (more: boolean, cursor: string | null, following: BackfillStep["phase"]) =>
    more ? { phase: job.phase, cursor } : { phase: following, cursor: null };

  if (job.phase === "pull_requests") return pullRequestStep(params, { sources, defaultBranch });
  if (job.phase === "deployments") {
    const step = await deploymentStep({ ...base, repoId, recorder, cursor: job.cursor, since: job.since, sources, productionEnvironments: params.metrics.productionEnvironments, defaultBranch });
    return { ...next(step.cursor !== null, step.cursor, "incidents"), deployments: step.deployments };
  }
  if (params.metrics.incidentLabels.length === 0) return { phase: "done", cursor: null };
  const page = await listIncidentIssues({ ...base, labels: params.metrics.incidentLabels, since });
  if (page.issues.length > 0) await recorder.incidents({ repoId, issues: page.issues });
  return { ...next(page.hasNextPage, page.endCursor, "done"), incidents: page.issues.length };
}

/** A page of merged PRs, with the reverts among them and, when the repo deploys on merge, their merge deployments. */
async function pullRequestStep(params: RunBackfillParams & { job: BackfillJob }, context: { sources: DeploymentSourceSettings[]; defaultBranch: string | null }): Promise<BackfillStep> {
  const { job, octokit, recorder, repoId } = params;
  const { defaultBranch } = context;
  const since = new Date(job.since).toISOString();
  const first = params.pageSize ?? 25;
  const page = await listMergedPullRequests({ octokit, owner: job.owner, repo: job.repo, after: job.cursor, first, since, withTotal: job.total === null });
  if (page.repositoryUrl) await recorder.repositoryUrl?.({ repoId, url: page.repositoryUrl });
  const inWindow = page.pullRequests.filter((pr) => Date.parse(pr.mergedAt) >= job.since);
  const merges = deploymentSource(context.sources, "merges");
  const deployments: SourceDeployment[] = [];
  for (const pr of inWindow) {
    const commitDates = needsAllCommits(pr)
      ? (await listPullRequestCommits({ octokit, owner: job.owner, repo: job.repo, number: pr.number })).map((c) => c.authorDate)
      : undefined;
    await recorder.pullRequest(pullRequestEvents({ repoId, pr, ...(commitDates ? { commitDates } : {}) }));
    // What the merged pull_request webhook records beside the PR, by the same rules.
    const target = revertTarget({ headRef: pr.headRef, body: pr.body, repo: `${job.owner}/${job.repo}` });
    if (target) await recorder.revert({ repoId, number: pr.number, target });
    const merge = merges && defaultBranch !== null ? mergeDeployment({ id: pr.id, baseRef: pr.baseRef, mergedAt: Date.parse(pr.mergedAt), mergeCommitSha: pr.mergeCommitSha }, { defaultBranch, environment: merges.environment }) : null;
    if (merge) deployments.push(merge);
  }
  if (deployments.length > 0) await recorder.sourceDeployments({ repoId, deployments });
  // Newest-updated first: once a PR was last updated before the window, all after it were too.
  const last = page.pullRequests.at(-1);
  const more = page.hasNextPage && (last === undefined || Date.parse(last.updatedAt) >= job.since);
  return { ...(more ? { phase: job.phase, cursor: page.endCursor } : { phase: "deployments" as const, cursor: null }), done: inWindow.length, deployments: deployments.length, ...(page.total === null ? {} : { total: page.total }) };
}

const DEFAULT_SOURCES: DeploymentSourceSettings[] = [{ source: "github_deployments" }];

/** "50/120 merged PRs, 3 deployments, 1 incidents; next: deployments". */
export function progressLine(job: Pick<BackfillJob, "phase" | "done" | "total" | "deployments" | "incidents">): string {
  const total = job.total === null ? "?" : String(Math.max(job.total, job.done));
  const next = job.phase === "done" ? "" : `; next: ${job.phase.replace("_", " ")}`;
  return `${job.done}/${total} merged PRs, ${job.deployments} deployments, ${job.incidents} incidents${next}`;
}
