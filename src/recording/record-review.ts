import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { applyPullRequestEvent } from "../metrics/apply-pull-request-event.js";
import { isBot } from "../metrics/definitions.js";
import { reviewState } from "../model/pull-request-event.js";
import { recordPullRequestEvent } from "../store/pull-requests.js";
import { recordReview as recordReviewRow } from "../store/reviews.js";

/** `pull_request_review.submitted`: a possible first review or first approval, and one more review for rework and review load. */
export function recordReview(deps: AppDeps) {
  return async (context: Context<"pull_request_review.submitted">): Promise<void> => {
    const { review, pull_request: pr, repository } = context.payload;
    if (!review.user || !review.submitted_at) return;
    const event = {
      kind: "review" as const,
      repoId: repository.id,
      number: pr.number,
      at: Date.parse(review.submitted_at),
      reviewer: review.user.login,
      reviewerIsBot: isBot(review.user),
      author: pr.user?.login ?? "",
      approved: review.state.toLowerCase() === "approved",
      state: reviewState(review.state),
    };
    await recordPullRequestEvent(deps.db, event, applyPullRequestEvent);
    // Every review is kept too (rework, review load: ADR 0064); the PR row keeps only the firsts.
    await recordReviewRow(deps.db, event);
  };
}

/** `pull_request_review_comment.created`: a review comment also ends pickup. */
export function recordReviewComment(deps: AppDeps) {
  return async (context: Context<"pull_request_review_comment.created">): Promise<void> => {
    const { comment, pull_request: pr, repository } = context.payload;
    if (!comment.user) return;
    await recordPullRequestEvent(deps.db, {
      kind: "review_comment",
      repoId: repository.id,
      number: pr.number,
      at: Date.parse(comment.created_at),
      reviewer: comment.user.login,
      reviewerIsBot: isBot(comment.user),
      author: pr.user?.login ?? "",
    }, applyPullRequestEvent);
  };
}
