/** What the recorders (webhooks, backfill) know about a PR at one moment. Times: epoch ms from payloads. */
export type PullRequestEvent =
  | PullRequestSnapshotEvent
  | { kind: "review"; repoId: number; number: number; at: number; reviewer: string; reviewerIsBot: boolean; author: string; approved: boolean; state?: ReviewState }
  | { kind: "review_comment"; repoId: number; number: number; at: number; reviewer: string; reviewerIsBot: boolean; author: string }
  /** The earliest author date of the PR's commits; `null` when none had a date. */
  | { kind: "first_commit"; repoId: number; number: number; at: number | null }
  | { kind: "deployed"; repoId: number; number: number; at: number };

/**
 * The PR as one payload showed it. `asOf` (the payload's `pull_request.updated_at`) orders
 * snapshots: an older one never replaces a newer one's state.
 */
export interface PullRequestSnapshotEvent {
  kind: "snapshot";
  repoId: number;
  number: number;
  asOf: number;
  author: string;
  authorIsBot: boolean;
  title: string;
  draft: boolean;
  headSha: string;
  baseRef: string;
  openedAt: number;
  /**
   * A candidate for "ready for review" (the earliest candidate wins): `created_at` when opened
   * non-draft, the event time of `ready_for_review`, or the snapshot time as an upper bound.
   */
  readyAt: number | null;
  mergedAt: number | null;
  closedAt: number | null;
  mergeCommitSha: string | null;
  additions?: number;
  deletions?: number;
  changedFiles?: number;
}

/** A submitted review's state, GitHub's name in lower case. */
export type ReviewState = "approved" | "changes_requested" | "commented" | "dismissed";

/** GitHub's review state (any case) as stored; an unknown one is read as a comment. */
export function reviewState(state: string): ReviewState {
  const lower = state.toLowerCase();
  return lower === "approved" || lower === "changes_requested" || lower === "dismissed" ? lower : "commented";
}
