import { sql } from "kysely";
import type { Db } from "./db.js";
import type { MetricScope } from "./metric-scope.js";
import { teamCondition } from "./team-scope.js";

/** A submitted review as recorded (webhook or backfill); `state` in lower case as GitHub names it. */
export interface StoredReview {
  repoId: number;
  number: number;
  reviewer: string;
  reviewerIsBot: boolean;
  state: "approved" | "changes_requested" | "commented" | "dismissed";
  at: number;
}

/** Stores one submitted review; a redelivery or the backfill's copy of it changes nothing. */
export async function recordReview(db: Db, review: StoredReview): Promise<void> {
  await db.kysely
    .insertInto("pull_request_reviews")
    .values({
      repo_id: review.repoId,
      number: review.number,
      reviewer: review.reviewer,
      reviewer_key: review.reviewer.toLowerCase(),
      reviewer_is_bot: review.reviewerIsBot ? 1 : 0,
      state: review.state,
      submitted_at: review.at,
    })
    .onConflict((oc) => oc.columns(["repo_id", "number", "reviewer_key", "submitted_at"]).doNothing())
    .execute();
}

/** A review with its PR's key and author, as the rework and load figures read it. */
export interface ReviewRow {
  repoId: number;
  number: number;
  author: string;
  reviewer: string;
  reviewerIsBot: boolean;
  state: StoredReview["state"];
  at: number;
}

/**
 * Reviews of the scope's PRs: of the PRs merged (`of: "merged"`) or opened in the window, or submitted in
 * the window whatever the PR (`of: "submitted"`, review load). PRs by bots are left out unless
 * `includeBots`; a team scope keeps its own PRs.
 */
export async function listReviews(db: Db, params: MetricScope & { of: "merged" | "opened" | "submitted" }): Promise<ReviewRow[]> {
  if (params.repoIds.length === 0) return [];
  const time = ({ merged: "pull_requests.merged_at", opened: "pull_requests.opened_at", submitted: "pull_request_reviews.submitted_at" } as const)[params.of];
  let query = db.kysely
    .selectFrom("pull_request_reviews")
    .innerJoin("pull_requests", (join) => join.onRef("pull_requests.repo_id", "=", "pull_request_reviews.repo_id").onRef("pull_requests.number", "=", "pull_request_reviews.number"))
    .select(["pull_request_reviews.repo_id", "pull_request_reviews.number", "pull_requests.author", "reviewer", "reviewer_is_bot", "state", "submitted_at"])
    .where("pull_request_reviews.repo_id", "in", params.repoIds)
    .where(time, ">=", params.from)
    .where(time, "<", params.to)
    .orderBy("pull_request_reviews.repo_id")
    .orderBy("pull_request_reviews.number")
    .orderBy("submitted_at")
    .limit(500_000);
  if (!params.includeBots) query = query.where("pull_requests.author_is_bot", "=", 0);
  if (params.team) query = query.where(teamCondition(params.team, sql.ref("pull_requests.repo_id"), sql.ref("pull_requests.author")));
  const rows = await query.execute();
  return rows.map((row) => ({
    repoId: row.repo_id,
    number: row.number,
    author: row.author ?? "",
    reviewer: row.reviewer,
    reviewerIsBot: row.reviewer_is_bot === 1,
    state: row.state as StoredReview["state"],
    at: row.submitted_at,
  }));
}
