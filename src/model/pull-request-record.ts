import { CHECK_KEYS, type CheckKey } from "./checks.js";

/** A check's outcome on a PR as the metrics see it: its check-run conclusion, or `skipped` when overridden. */
export type HygieneOutcome = "success" | "failure" | "neutral" | "skipped" | "pending" | null;

/** Every per-PR fact of ADR 0040. Times are epoch milliseconds; `null` = not (yet) known. */
export interface PullRequestRecord {
  repoId: number;
  number: number;
  author: string | null;
  authorIsBot: boolean;
  title: string | null;
  draft: boolean;
  headSha: string | null;
  baseRef: string | null;
  mergeCommitSha: string | null;
  /** Earliest author date of the PR's commits. */
  firstCommitAt: number | null;
  /** True once the commits were listed (once, at merge), whatever they held. */
  firstCommitFetched: boolean;
  openedAt: number | null;
  /** Opened non-draft, or the first ready_for_review. */
  readyAt: number | null;
  /** First review or review comment by a human other than the author. */
  firstReviewAt: number | null;
  firstApprovalAt: number | null;
  mergedAt: number | null;
  closedAt: number | null;
  /** First successful production deployment containing the merge commit. */
  deployedAt: number | null;
  additions: number | null;
  deletions: number | null;
  changedFiles: number | null;
  /** Each check's outcome, keyed by the registry (`CHECKS`). */
  hygiene: Record<CheckKey, HygieneOutcome>;
  /** The payload `updated_at` of the PR snapshot the mutable fields come from. */
  snapshotAt: number | null;
}

export function emptyPullRequestRecord(repoId: number, number: number): PullRequestRecord {
  return {
    repoId,
    number,
    author: null,
    authorIsBot: false,
    title: null,
    draft: false,
    headSha: null,
    baseRef: null,
    mergeCommitSha: null,
    firstCommitAt: null,
    firstCommitFetched: false,
    openedAt: null,
    readyAt: null,
    firstReviewAt: null,
    firstApprovalAt: null,
    mergedAt: null,
    closedAt: null,
    deployedAt: null,
    additions: null,
    deletions: null,
    changedFiles: null,
    hygiene: Object.fromEntries(CHECK_KEYS.map((key) => [key, null])) as Record<CheckKey, HygieneOutcome>,
    snapshotAt: null,
  };
}
