import { describe, expect, it } from "vitest";
import { pullRequestRework, reviewerLoad, reworkFigures, type ReviewFact } from "../../src/metrics/rework.js";

const H = 3_600_000;
const review = (reviewer: string, state: ReviewFact["state"], hour: number, reviewerIsBot = false): ReviewFact => ({ reviewer, reviewerIsBot, state, at: hour * H });

describe("pullRequestRework", () => {
  it.each([
    ["no reviews", [], { reworkMs: null, finalApprovalAt: null, reviewCycles: 0 }],
    ["approved at once", [review("bob", "approved", 2)], { reworkMs: 0, finalApprovalAt: 2 * H, reviewCycles: 0 }],
    [
      "changes requested, re-reviewed, approved",
      [review("bob", "changes_requested", 1), review("bob", "commented", 3), review("bob", "approved", 5)],
      { reworkMs: 4 * H, finalApprovalAt: 5 * H, reviewCycles: 1 },
    ],
    [
      "two rounds; the final approval is the last one",
      [review("bob", "changes_requested", 1), review("carol", "approved", 2), review("bob", "changes_requested", 3), review("bob", "approved", 6)],
      { reworkMs: 5 * H, finalApprovalAt: 6 * H, reviewCycles: 2 },
    ],
    ["changes requested and never reviewed again", [review("bob", "approved", 1), review("bob", "changes_requested", 2)], { reworkMs: 0, finalApprovalAt: H, reviewCycles: 0 }],
    ["the author's and bots' reviews do not count", [review("alice", "approved", 1), review("ci[bot]", "changes_requested", 1), review("lint", "approved", 2, true)], { reworkMs: null, finalApprovalAt: null, reviewCycles: 0 }],
    ["reviews after the merge do not count", [review("bob", "approved", 2), review("bob", "changes_requested", 11), review("bob", "approved", 12)], { reworkMs: 0, finalApprovalAt: 2 * H, reviewCycles: 0 }],
  ])("%s", (_name, reviews, expected) => {
    expect(pullRequestRework({ author: "Alice", mergedAt: 10 * H, reviews: [...reviews].reverse() })).toEqual(expected);
  });
});

describe("reworkFigures", () => {
  it("counts merged-without-review PRs and takes rework only from reviewed ones", () => {
    const figures = reworkFigures([
      { reviewed: true, rework: { reworkMs: 2 * H, finalApprovalAt: 3 * H, reviewCycles: 1 } },
      { reviewed: true, rework: { reworkMs: 0, finalApprovalAt: H, reviewCycles: 0 } },
      { reviewed: true, rework: { reworkMs: null, finalApprovalAt: null, reviewCycles: 3 } },
      { reviewed: false, rework: { reworkMs: null, finalApprovalAt: null, reviewCycles: 0 } },
    ]);
    expect(figures).toMatchObject({ merged: 4, merged_without_review: 1, rework_seconds: { count: 2, median: 3600 }, review_cycles: { total: 4, prs_with_rework: 2 } });
    expect(figures.review_cycles.mean).toBeCloseTo(4 / 3);
  });

  it("is empty for no PRs", () => {
    expect(reworkFigures([])).toMatchObject({ merged: 0, merged_without_review: 0, rework_seconds: { count: 0, median: null }, review_cycles: { total: 0, mean: null } });
  });
});

describe("reviewerLoad", () => {
  it("counts reviews and distinct PRs per reviewer, case-insensitively, busiest first", () => {
    const on = (pr: string, author: string, fact: ReviewFact) => ({ ...fact, pr, author });
    expect(
      reviewerLoad([
        on("a#1", "alice", review("bob", "changes_requested", 1)),
        on("a#1", "alice", review("Bob", "approved", 2)),
        on("a#2", "carol", review("bob", "commented", 3)),
        on("a#2", "carol", review("alice", "approved", 3)),
        on("a#3", "bob", review("bob", "approved", 3)),
        on("a#3", "bob", review("deps[bot]", "approved", 3, true)),
      ]),
    ).toEqual([
      { reviewer: "bob", reviews: 3, pull_requests: 2, approvals: 1, changes_requested: 1 },
      { reviewer: "alice", reviews: 1, pull_requests: 1, approvals: 1, changes_requested: 0 },
    ]);
  });
});
