import { isPickupReview } from "./definitions.js";
import { distribution, type Distribution } from "./percentile.js";

/** A submitted review as the store keeps it (`pull_request_reviews`). State is GitHub's, lower case. */
export interface ReviewFact {
  reviewer: string;
  reviewerIsBot: boolean;
  state: "approved" | "changes_requested" | "commented" | "dismissed";
  at: number;
}

/** What review took on one PR: the rework figures of issue 16 (ADR 0064). */
export interface PullRequestRework {
  /** First human review -> the last approval before the merge (ms); null without an approval. */
  reworkMs: number | null;
  finalApprovalAt: number | null;
  /** Changes requested that were followed by another review: each is one round of rework. */
  reviewCycles: number;
}

/**
 * The rework of one PR from its reviews. Only reviews by humans other than the author count (as
 * for pickup, ADR 0040); on a merged PR, only those up to the merge.
 */
export function pullRequestRework(params: { author: string; mergedAt: number | null; reviews: readonly ReviewFact[] }): PullRequestRework {
  const { author, mergedAt } = params;
  const reviews = params.reviews
    .filter((r) => isPickupReview({ author, reviewer: r.reviewer, reviewerIsBot: r.reviewerIsBot }) && (mergedAt === null || r.at <= mergedAt))
    .sort((a, b) => a.at - b.at);
  const approvals = reviews.filter((r) => r.state === "approved");
  const finalApprovalAt = approvals.length > 0 ? approvals[approvals.length - 1]!.at : null;
  const first = reviews[0]?.at ?? null;
  const reviewCycles = reviews.filter((r, i) => r.state === "changes_requested" && i < reviews.length - 1).length;
  return { reworkMs: first === null || finalApprovalAt === null ? null : finalApprovalAt - first, finalApprovalAt, reviewCycles };
}

/** The rework figures of the PRs merged in a window, in seconds. */
export interface ReworkFigures {
  merged: number;
  /** Merged with no review or review comment by a human other than the author before the merge. */
  merged_without_review: number;
  rework_seconds: Distribution;
  review_cycles: { total: number; prs_with_rework: number; mean: number | null; distribution: Distribution };
}

/** `prs`: the merged PRs of the window with their rework, and whether a human reviewed them before the merge. */
export function reworkFigures(prs: readonly { reviewed: boolean; rework: PullRequestRework }[]): ReworkFigures {
  const reviewed = prs.filter((pr) => pr.reviewed);
  const cycles = reviewed.map((pr) => pr.rework.reviewCycles);
  const total = cycles.reduce((sum, n) => sum + n, 0);
  return {
    merged: prs.length,
    merged_without_review: prs.length - reviewed.length,
    rework_seconds: distribution(reviewed.flatMap((pr) => (pr.rework.reworkMs === null ? [] : [pr.rework.reworkMs / 1000]))),
    review_cycles: { total, prs_with_rework: cycles.filter((n) => n > 0).length, mean: cycles.length === 0 ? null : total / cycles.length, distribution: distribution(cycles) },
  };
}

/** One reviewer's load in a window. */
export interface ReviewerLoad {
  reviewer: string;
  reviews: number;
  pull_requests: number;
  approvals: number;
  changes_requested: number;
}

/**
 * Reviews given per reviewer (humans reviewing someone else's PR) among `reviews`, busiest first.
 * `reviews` carry their PR's key and author; the window is the caller's.
 */
export function reviewerLoad(reviews: readonly (ReviewFact & { pr: string; author: string })[]): ReviewerLoad[] {
  const byReviewer = new Map<string, ReviewerLoad & { prs: Set<string> }>();
  for (const review of reviews) {
    if (!isPickupReview({ author: review.author, reviewer: review.reviewer, reviewerIsBot: review.reviewerIsBot })) continue;
    const key = review.reviewer.toLowerCase();
    let load = byReviewer.get(key);
    if (!load) byReviewer.set(key, (load = { reviewer: review.reviewer, reviews: 0, pull_requests: 0, approvals: 0, changes_requested: 0, prs: new Set() }));
    load.reviews++;
    load.prs.add(review.pr);
    if (review.state === "approved") load.approvals++;
    if (review.state === "changes_requested") load.changes_requested++;
  }
  return [...byReviewer.values()]
    .map(({ prs, ...load }) => ({ ...load, pull_requests: prs.size }))
    .sort((a, b) => b.reviews - a.reviews || a.reviewer.localeCompare(b.reviewer));
}
