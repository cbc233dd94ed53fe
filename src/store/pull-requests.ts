import { applyPullRequestEvent } from "../metrics/apply-pull-request-event.js";
import type { PullRequestEvent } from "../model/pull-request-event.js";
import type { HygieneOutcome, PullRequestRecord } from "../model/pull-request-record.js";
import { CHECK_NAMES, type CheckKey } from "../model/checks.js";
import type { Db } from "./db.js";
import type { PullRequestsTable } from "./tables.js";

const lockKey = (repoId: number, number: number) => `metrics:pr:${repoId}:${number}`;

/**
 * Folds one event (from a webhook or from backfill) into the PR's stored facts. Safe in any order
 * and on redelivery: earliest times win, an older snapshot never replaces a newer one.
 */
export async function recordPullRequestEvent(db: Db, event: PullRequestEvent): Promise<PullRequestRecord> {
  return db.withLock(lockKey(event.repoId, event.number), async () => {
    const stored = await getPullRequest(db, { repoId: event.repoId, number: event.number });
    const next = applyPullRequestEvent(stored, event);
    await save(db, next);
    return next;
  });
}

export async function getPullRequest(db: Db, key: { repoId: number; number: number }): Promise<PullRequestRecord | undefined> {
  const row = await db.kysely
    .selectFrom("pull_requests")
    .selectAll()
    .where("repo_id", "=", key.repoId)
    .where("number", "=", key.number)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/** True when the PR's first commit time still has to be fetched (it is fetched once, at merge). */
export async function needsFirstCommit(db: Db, key: { repoId: number; number: number }): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("pull_requests")
    .select("first_commit_fetched")
    .where("repo_id", "=", key.repoId)
    .where("number", "=", key.number)
    .executeTakeFirst();
  return !row || row.first_commit_fetched === 0;
}

/**
 * Copies the PR's hygiene outcomes from Shipshape's own check runs on its head SHA, an override
 * (`/shipshape skip`) counting as `skipped`.
 */
export async function refreshPullRequestHygiene(db: Db, key: { repoId: number; number: number }): Promise<void> {
  await db.withLock(lockKey(key.repoId, key.number), () => refreshHygiene(db, key));
}

async function refreshHygiene(db: Db, key: { repoId: number; number: number }): Promise<void> {
  const pr = await getPullRequest(db, key);
  if (!pr?.headSha) return;
  const [runs, overrides] = await Promise.all([
    db.kysely.selectFrom("check_runs").select(["name", "status", "conclusion"]).where("repo_id", "=", key.repoId).where("head_sha", "=", pr.headSha).execute(),
    db.kysely.selectFrom("overrides").select("check_key").where("repo_id", "=", key.repoId).where("pr_number", "=", key.number).execute(),
  ]);
  const outcome = (check: CheckKey): HygieneOutcome => {
    if (overrides.some((o) => o.check_key === check)) return "skipped";
    const run = runs.find((r) => r.name === CHECK_NAMES[check]);
    if (!run) return null;
    return run.status === "completed" ? ((run.conclusion ?? null) as HygieneOutcome) : "pending";
  };
  await db.kysely
    .updateTable("pull_requests")
    .set({ ticket_outcome: outcome("ticket"), adr_outcome: outcome("adr"), coverage_outcome: outcome("coverage") })
    .where("repo_id", "=", key.repoId)
    .where("number", "=", key.number)
    .execute();
}

/**
 * Marks as deployed at `at` the merged PRs whose merge commit is one of `commitShas` and that were
 * not deployed before. Returns their numbers.
 */
export async function markPullRequestsDeployed(db: Db, params: { repoId: number; commitShas: readonly string[]; at: number }): Promise<number[]> {
  const marked: number[] = [];
  // Chunks keep the IN list under SQLite's bound-parameter limit.
  for (let i = 0; i < params.commitShas.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("pull_requests")
      .select("number")
      .where("repo_id", "=", params.repoId)
      .where("merge_commit_sha", "in", params.commitShas.slice(i, i + 500))
      .where("merged_at", "is not", null)
      .where("deployed_at", "is", null)
      .execute();
    for (const { number } of rows) {
      await recordPullRequestEvent(db, { kind: "deployed", repoId: params.repoId, number, at: params.at });
      marked.push(number);
    }
  }
  return marked.sort((a, b) => a - b);
}

async function save(db: Db, record: PullRequestRecord): Promise<void> {
  const row = toRow(record);
  const { repo_id: _repo, number: _number, ...updates } = row;
  await db.kysely
    .insertInto("pull_requests")
    .values(row)
    .onConflict((oc) => oc.columns(["repo_id", "number"]).doUpdateSet(updates))
    .execute();
}

function toRow(r: PullRequestRecord): PullRequestsTable {
  return {
    repo_id: r.repoId,
    number: r.number,
    author: r.author,
    author_is_bot: r.authorIsBot ? 1 : 0,
    title: r.title,
    draft: r.draft ? 1 : 0,
    head_sha: r.headSha,
    base_ref: r.baseRef,
    merge_commit_sha: r.mergeCommitSha,
    first_commit_at: r.firstCommitAt,
    first_commit_fetched: r.firstCommitFetched ? 1 : 0,
    opened_at: r.openedAt,
    ready_at: r.readyAt,
    first_review_at: r.firstReviewAt,
    first_approval_at: r.firstApprovalAt,
    merged_at: r.mergedAt,
    closed_at: r.closedAt,
    deployed_at: r.deployedAt,
    additions: r.additions,
    deletions: r.deletions,
    changed_files: r.changedFiles,
    ticket_outcome: r.hygiene.ticket,
    adr_outcome: r.hygiene.adr,
    coverage_outcome: r.hygiene.coverage,
    snapshot_at: r.snapshotAt,
  };
}

export function fromRow(row: PullRequestsTable): PullRequestRecord {
  return {
    repoId: Number(row.repo_id),
    number: row.number,
    author: row.author,
    authorIsBot: row.author_is_bot === 1,
    title: row.title,
    draft: row.draft === 1,
    headSha: row.head_sha,
    baseRef: row.base_ref,
    mergeCommitSha: row.merge_commit_sha,
    firstCommitAt: row.first_commit_at,
    firstCommitFetched: row.first_commit_fetched === 1,
    openedAt: row.opened_at,
    readyAt: row.ready_at,
    firstReviewAt: row.first_review_at,
    firstApprovalAt: row.first_approval_at,
    mergedAt: row.merged_at,
    closedAt: row.closed_at,
    deployedAt: row.deployed_at,
    additions: row.additions,
    deletions: row.deletions,
    changedFiles: row.changed_files,
    hygiene: {
      ticket: row.ticket_outcome as HygieneOutcome,
      adr: row.adr_outcome as HygieneOutcome,
      coverage: row.coverage_outcome as HygieneOutcome,
    },
    snapshotAt: row.snapshot_at,
  };
}
