import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHub } from "../helpers/fake-github.js";
import { GITHUB_API } from "../helpers/server.js";
import { deliverDone, serverStores, type StartedServer } from "../helpers/server-stores.js";
import { CONFIG_READS, INSTALLATION, at, mergedPr, review } from "./org-deliveries.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
const WINDOW = "from=2026-11-01&to=2026-12-01";
const OPEN = "2026-11-10T09:00:00Z";
const H = 3600;

const MERGES = [
  { repo: "api", number: 1, author: "alice", opened: OPEN, merged: at(OPEN, 8) },
  // Merged with no review at all.
  { repo: "api", number: 2, author: "bob", opened: OPEN, merged: at(OPEN, 4) },
  { repo: "api", number: 3, author: "erin", opened: OPEN, merged: at(OPEN, 3) },
  // Reviewed in the window, merged after it: review load counts the review, rework does not count the PR.
  { repo: "web", number: 4, author: "dave", opened: "2026-11-29T09:00:00Z", merged: "2026-12-02T09:00:00Z" },
] as const;
const REVIEWS = [
  // #1: first review at +1 h, changes requested, re-reviewed, last approval at +6 h -> 5 h of rework, 1 cycle.
  { repo: "api", number: 1, author: "alice", reviewer: "rita", state: "commented", at: at(OPEN, 1) },
  { repo: "api", number: 1, author: "alice", reviewer: "rita", state: "changes_requested", at: at(OPEN, 2) },
  { repo: "api", number: 1, author: "alice", reviewer: "alice", state: "commented", at: at(OPEN, 3) },
  { repo: "api", number: 1, author: "alice", reviewer: "sam", state: "approved", at: at(OPEN, 5) },
  { repo: "api", number: 1, author: "alice", reviewer: "Rita", state: "approved", at: at(OPEN, 6) },
  // #3: approved at first sight -> 0 s of rework; a bot's comment does not count anywhere.
  { repo: "api", number: 3, author: "erin", reviewer: "sam", state: "approved", at: at(OPEN, 2) },
  { repo: "web", number: 4, author: "dave", reviewer: "rita", state: "commented", at: "2026-11-30T10:00:00Z" },
] as const;

describe.each(serverStores)("/rework and /reviewers through the HTTP server on $name (issue 16, ADR 0064)", (store) => {
  let server: StartedServer;
  let github: FakeGitHub;
  beforeEach(async () => {
    github = new FakeGitHub(GITHUB_API).install();
    for (const pr of MERGES) github.hasCommits(pr.number, [{ message: `change ${pr.number}`, date: at(pr.opened, -2) }]);
    server = await store.start();
    // Reviews of #1 arrive before its merge, the rest after: the figures come from timestamps, not arrival.
    let id = 0;
    const send = (payload: unknown, event: string) => deliverDone(server, { event, id: `d-${++id}`, payload });
    for (const r of REVIEWS.filter((r) => r.number === 1)) await send(review(r), "pull_request_review");
    for (const pr of MERGES) await send(mergedPr(pr), "pull_request");
    for (const r of REVIEWS.filter((r) => r.number !== 1)) await send(review(r), "pull_request_review");
    const bot = review({ repo: "api", number: 3, author: "erin", reviewer: "lint-bot[bot]", state: "commented", at: at(OPEN, 1) });
    bot.review.user.type = "Bot";
    await send(bot, "pull_request_review");
    // A redelivery changes nothing.
    await deliverDone(server, { event: "pull_request_review", id: "d-1", payload: review(REVIEWS[0]) });
  });
  afterEach(async () => {
    await server.stop();
  });

  const get = async (path: string, accept = "application/json") => {
    const response = await fetch(`${server.url}${path}`, { headers: { authorization: "Bearer api-token", accept } });
    expect(response.status, path).toBe(200);
    return accept === "text/csv" ? response.text() : ((await response.json()) as any);
  };

  it("answers rework, review cycles and merged-without-review of the PRs merged in the window, and each reviewer's load", async () => {
    const rework = await get(`/api/v1/repos/acme/api/rework?${WINDOW}`);
    expect(rework).toMatchObject({
      scope: "acme/api",
      merged: 3,
      merged_without_review: 1,
      rework_seconds: { count: 2, median: 2.5 * H, p75: 3.75 * H, p90: 4.5 * H },
      review_cycles: { total: 1, prs_with_rework: 1, mean: 0.5 },
    });
    expect(await get(`/api/v1/orgs/acme/rework?${WINDOW}`)).toMatchObject({ merged: 3, merged_without_review: 1 });
    expect(await get(`/api/v1/orgs/acme/rework?${WINDOW}`, "text/csv")).toContain("merged_without_review,1,count,3");

    const repo = await get(`/api/v1/repos/acme/api/reviewers?${WINDOW}`);
    expect(repo.reviewers).toEqual([
      { reviewer: "rita", reviews: 3, pull_requests: 1, approvals: 1, changes_requested: 1 },
      { reviewer: "sam", reviews: 2, pull_requests: 2, approvals: 2, changes_requested: 0 },
    ]);
    const org = await get(`/api/v1/orgs/acme/reviewers?${WINDOW}`);
    expect(org.reviewers).toEqual([
      { reviewer: "rita", reviews: 4, pull_requests: 2, approvals: 1, changes_requested: 1 },
      { reviewer: "sam", reviews: 2, pull_requests: 2, approvals: 2, changes_requested: 0 },
    ]);
    expect(await get(`/api/v1/orgs/acme/reviewers?${WINDOW}`, "text/csv")).toBe("reviewer,reviews,pull_requests,approvals,changes_requested\r\nrita,4,2,1,1\r\nsam,2,2,2,0\r\n");

    const pulls = await get(`/api/v1/repos/acme/api/pulls?${WINDOW}`);
    // In merge order: #3, #2, #1.
    expect(pulls.pulls.map((p: any) => [p.number, p.rework_seconds, p.review_cycles, p.final_approval_at])).toEqual([
      [3, 0, 0, at(OPEN, 2)],
      [2, null, 0, null],
      [1, 5 * H, 1, at(OPEN, 6)],
    ]);

    // Reviews ask GitHub nothing; each merge reads its commits, each repository's config (its own
    // file, then the organisation's) and the organisation's file once for its teams.
    expect(github.requests.map((r) => `${r.method} ${r.path}`).sort()).toEqual([
      `POST /app/installations/${INSTALLATION.id}/access_tokens`,
      ...CONFIG_READS,
      "GET /repos/acme/api/pulls/1/commits",
      "GET /repos/acme/api/pulls/2/commits",
      "GET /repos/acme/api/pulls/3/commits",
      "GET /repos/acme/web/pulls/4/commits",
    ].sort());
    expect(github.unhandled).toEqual([]);
  });
});
