import type { PullRequestEvent } from "../model/pull-request-event.js";
import type { HygieneOutcome, PullRequestRecord } from "../model/pull-request-record.js";
import { CHECK_KEYS, type CheckKey } from "../model/checks.js";
import { checkOutcome } from "./check-outcome.js";
import type { Db } from "./db.js";
import type { PullRequestsTable } from "./tables.js";

const lockKey = (repoId: number, number: number) => `metrics:pr:${repoId}:${number}`;

/** How a PR's stored facts change with one event: metrics' `applyPullRequestEvent`, handed in by the caller. */
export type FoldPullRequestEvent = (stored: PullRequestRecord | undefined, event: PullRequestEvent) => PullRequestRecord;

/** The per-check outcomes of a PR, read alongside its row as `outcome_<check>`. */
export type OutcomeColumns = { [K in CheckKey as `outcome_${K}`]: string | null };

/** The selected column of each check's outcome, derived from the registry. */
export const OUTCOME_COLUMNS = CHECK_KEYS.map((check) => ({ check, column: `outcome_${check}` as const }));

/**
 * Stores what `fold` makes of one event (from a webhook or from backfill) and the PR's stored
 * facts, serialised per PR so that folds never interleave. Returns the new record.
 */
export async function recordPullRequestEvent(db: Db, event: PullRequestEvent, fold: FoldPullRequestEvent): Promise<PullRequestRecord> {
  return db.withLock(lockKey(event.repoId, event.number), async () => {
    const stored = await getPullRequest(db, { repoId: event.repoId, number: event.number });
    const next = fold(stored, event);
    await save(db, next);
    if (CHECK_KEYS.some((check) => next.hygiene[check] !== (stored?.hygiene[check] ?? null))) await saveOutcomes(db, next, next.hygiene);
    return next;
  });
}

export async function getPullRequest(db: Db, key: { repoId: number; number: number }): Promise<PullRequestRecord | undefined> {
  const row = await db.kysely
    .selectFrom("pull_requests")
    .selectAll()
    .select(OUTCOME_COLUMNS.map(({ check, column }) => checkOutcome(check).as(column)))
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

/** What the hygiene outcomes of a PR are decided from: Shipshape's check runs on its head SHA and its overrides. */
export interface HygieneInputs {
  runs: { name: string; status: string; conclusion: string | null }[];
  /** Check keys overridden with `/shipshape skip`. */
  overridden: string[];
}

/**
 * Stores the PR's hygiene outcomes as `decide` (metrics' `hygieneOutcomes`) makes them of the
 * check runs on its head SHA and its overrides; nothing without a known head.
 */
export async function refreshPullRequestHygiene(
  db: Db,
  key: { repoId: number; number: number },
  decide: (inputs: HygieneInputs) => Record<CheckKey, HygieneOutcome>,
): Promise<void> {
  await db.withLock(lockKey(key.repoId, key.number), async () => {
    const pr = await db.kysely.selectFrom("pull_requests").select("head_sha").where("repo_id", "=", key.repoId).where("number", "=", key.number).executeTakeFirst();
    if (!pr?.head_sha) return;
    const [runs, overrides] = await Promise.all([
      db.kysely.selectFrom("check_runs").select(["name", "status", "conclusion"]).where("repo_id", "=", key.repoId).where("head_sha", "=", pr.head_sha).execute(),
      db.kysely.selectFrom("overrides").select("check_key").where("repo_id", "=", key.repoId).where("pr_number", "=", key.number).execute(),
    ]);
    const outcomes = decide({ runs: runs.map((r) => ({ name: r.name, status: r.status, conclusion: r.conclusion ?? null })), overridden: overrides.map((o) => o.check_key) });
    await saveOutcomes(db, key, outcomes);
  });
}

/** Replaces the PR's outcome rows: one per check that has an outcome, none for null. */
async function saveOutcomes(db: Db, key: { repoId: number; number: number }, outcomes: Record<CheckKey, HygieneOutcome>): Promise<void> {
  const rows = CHECK_KEYS.flatMap((check) => {
    const outcome = outcomes[check];
    return outcome === null ? [] : [{ repo_id: key.repoId, number: key.number, check_key: check, outcome }];
  });
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom("pull_request_outcomes").where("repo_id", "=", key.repoId).where("number", "=", key.number).execute();
    if (rows.length > 0) await trx.insertInto("pull_request_outcomes").values(rows).execute();
  });
}

/**
 * Marks as deployed at `at` the merged PRs whose merge commit is one of `commitShas` and that were
 * not deployed before `at` (an earlier deployment arriving late corrects a later one, ADR 0042).
 * Returns their numbers.
 */
export async function markPullRequestsDeployed(db: Db, params: { repoId: number; commitShas: readonly string[]; at: number }, fold: FoldPullRequestEvent): Promise<number[]> {
  const marked: number[] = [];
  // Chunks keep the IN list under SQLite's bound-parameter limit.
  for (let i = 0; i < params.commitShas.length; i += 500) {
    const rows = await db.kysely
      .selectFrom("pull_requests")
      .select("number")
      .where("repo_id", "=", params.repoId)
      .where("merge_commit_sha", "in", params.commitShas.slice(i, i + 500))
      .where("merged_at", "is not", null)
      .where((eb) => eb.or([eb("deployed_at", "is", null), eb("deployed_at", ">", params.at)]))
      .execute();
    for (const { number } of rows) {
      await recordPullRequestEvent(db, { kind: "deployed", repoId: params.repoId, number, at: params.at }, fold);
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
    snapshot_at: r.snapshotAt,
  };
}

export function fromRow(row: PullRequestsTable & OutcomeColumns): PullRequestRecord {
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
    hygiene: Object.fromEntries(OUTCOME_COLUMNS.map(({ check, column }) => [check, row[column] as HygieneOutcome])) as PullRequestRecord["hygiene"],
    snapshotAt: row.snapshot_at,
  };
}
