import { isPickupReview } from "./definitions.js";
import { emptyPullRequestRecord, type PullRequestRecord } from "../model/pull-request-record.js";
import type { PullRequestEvent, PullRequestSnapshotEvent } from "../model/pull-request-event.js";

/**
 * Folds one event into a PR's facts, whatever order events arrive in: "first" facts keep the
 * earliest time ever seen, and a snapshot replaces the mutable state only when it is not older
 * than the one kept (ADR 0040).
 */
export function applyPullRequestEvent(stored: PullRequestRecord | undefined, event: PullRequestEvent): PullRequestRecord {
  const record = stored ?? emptyPullRequestRecord(event.repoId, event.number);
  switch (event.kind) {
    case "snapshot":
      return applySnapshot(record, event);
    case "review":
    case "review_comment": {
      if (!isPickupReview({ author: event.author, reviewer: event.reviewer, reviewerIsBot: event.reviewerIsBot })) return record;
      const approved = event.kind === "review" && event.approved;
      return {
        ...record,
        firstReviewAt: earliest(record.firstReviewAt, event.at),
        firstApprovalAt: approved ? earliest(record.firstApprovalAt, event.at) : record.firstApprovalAt,
      };
    }
    case "first_commit":
      return { ...record, firstCommitAt: earliest(record.firstCommitAt, event.at), firstCommitFetched: true };
    case "deployed":
      return { ...record, deployedAt: earliest(record.deployedAt, event.at) };
  }
}

function applySnapshot(record: PullRequestRecord, event: PullRequestSnapshotEvent): PullRequestRecord {
  const firsts = {
    openedAt: earliest(record.openedAt, event.openedAt),
    readyAt: earliest(record.readyAt, event.readyAt),
    // Merging is final: no snapshot, however ordered, un-merges a PR.
    mergedAt: record.mergedAt ?? event.mergedAt,
  };
  const newer = record.snapshotAt === null || event.asOf >= record.snapshotAt;
  if (!newer) return { ...record, ...firsts, mergeCommitSha: record.mergedAt === null && event.mergedAt !== null ? event.mergeCommitSha : record.mergeCommitSha };
  return {
    ...record,
    ...firsts,
    author: event.author,
    authorIsBot: event.authorIsBot,
    title: event.title,
    draft: event.draft,
    headSha: event.headSha,
    baseRef: event.baseRef,
    mergeCommitSha: event.mergeCommitSha ?? record.mergeCommitSha,
    closedAt: event.closedAt,
    additions: event.additions ?? record.additions,
    deletions: event.deletions ?? record.deletions,
    changedFiles: event.changedFiles ?? record.changedFiles,
    snapshotAt: event.asOf,
  };
}

function earliest(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return Math.min(a, b);
}
