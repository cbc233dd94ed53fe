import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cycleTimeReport } from "../../src/metrics/cycle-time-report.js";
import { workingSpan, DEFAULT_WORKING_HOURS } from "../../src/metrics/working-hours.js";
import { listCycleTimeDays } from "../../src/store/cycle-time-days.js";
import type { Db } from "../../src/store/db.js";
import { recordRepository } from "../../src/store/metric-repos.js";
import { listPullRequestRows } from "../../src/store/pull-request-rows.js";
import { recordPullRequestEvent } from "../../src/store/pull-requests.js";
import { listWorkingHours, saveRepoSettings } from "../../src/store/repo-settings.js";
import { listReviews, recordReview } from "../../src/store/reviews.js";
import { claimTeamsRead, forgetTeams, listTeams, replaceTeams, teamsSyncedAt } from "../../src/store/teams.js";
import { applyPullRequestEvent } from "../../src/metrics/apply-pull-request-event.js";
import { stores } from "../helpers/stores.js";

const H = 3_600_000;
const DAY = 24 * H;
const MONDAY = Date.parse("2026-03-02T00:00:00Z");

/** A merged PR: opened Monday 09:00 UTC, reviewed at `review` hours, merged at `merge` hours after Monday 00:00. */
async function mergedPr(db: Db, params: { repoId: number; number: number; author: string; review: number; merge: number; additions: number }) {
  const { repoId, number, author } = params;
  await recordPullRequestEvent(db, {
    kind: "snapshot", repoId, number, asOf: MONDAY + params.merge * H, author, authorIsBot: false, title: `PR ${number}`, draft: false, headSha: `h${number}`, baseRef: "main",
    openedAt: MONDAY + 9 * H, readyAt: MONDAY + 9 * H, mergedAt: MONDAY + params.merge * H, closedAt: MONDAY + params.merge * H, mergeCommitSha: `m${number}`,
    additions: params.additions, deletions: 0, changedFiles: 1,
  }, applyPullRequestEvent);
  await recordPullRequestEvent(db, { kind: "review", repoId, number, at: MONDAY + params.review * H, reviewer: "rita", reviewerIsBot: false, author, approved: true }, applyPullRequestEvent);
  await recordPullRequestEvent(db, { kind: "first_commit", repoId, number, at: MONDAY + 8 * H }, applyPullRequestEvent);
}

describe.each(stores)("teams, reviews and working hours on $name", (store) => {
  let db: Db;
  beforeEach(async () => {
    db = await store.open();
    await recordRepository(db, { repoId: 1, owner: "Acme", name: "api", at: MONDAY });
    await recordRepository(db, { repoId: 2, owner: "Acme", name: "web", at: MONDAY });
  });
  afterEach(() => db.close());

  it("keeps each review once, whatever the case of the login or the number of deliveries", async () => {
    await mergedPr(db, { repoId: 1, number: 1, author: "alice", review: 10, merge: 20, additions: 5 });
    const review = { repoId: 1, number: 1, reviewer: "Bob", reviewerIsBot: false, state: "changes_requested" as const, at: MONDAY + 10 * H };
    await recordReview(db, review);
    await recordReview(db, { ...review, reviewer: "bob" });
    await recordReview(db, { ...review, state: "approved", at: MONDAY + 12 * H });
    const window = { repoIds: [1], from: MONDAY, to: MONDAY + 7 * DAY };
    expect(await listReviews(db, { ...window, of: "merged" })).toEqual([
      { repoId: 1, number: 1, author: "alice", reviewer: "Bob", reviewerIsBot: false, state: "changes_requested", at: MONDAY + 10 * H },
      { repoId: 1, number: 1, author: "alice", reviewer: "Bob", reviewerIsBot: false, state: "approved", at: MONDAY + 12 * H },
    ]);
    // Submitted in the window, of a PR merged later: review load counts it, rework (merged) does not.
    expect(await listReviews(db, { repoIds: [1], from: MONDAY + 11 * H, to: MONDAY + 13 * H, of: "submitted" })).toHaveLength(1);
    expect(await listReviews(db, { repoIds: [1], from: MONDAY + 21 * H, to: MONDAY + 7 * DAY, of: "merged" })).toEqual([]);
  });

  it("replaces a source's teams in one go; a team the config names is the config's alone", async () => {
    expect(await replaceTeams(db, { owner: "acme", source: "config", teams: [{ name: "Platform", members: ["Alice", "alice"], repos: ["api"] }, { name: "ghost", members: [], repos: ["elsewhere/unknown"] }], at: 5 })).toBe(true);
    expect(await replaceTeams(db, { owner: "ACME", source: "github", teams: [{ name: "platform", members: ["carol"], repos: [] }, { name: "web-team", members: ["dave"], repos: [] }], at: 6 })).toBe(true);
    expect(await listTeams(db, "acme")).toEqual([
      { name: "ghost", logins: [], repoIds: [] },
      { name: "Platform", logins: ["alice"], repoIds: [1] },
      { name: "web-team", logins: ["dave"], repoIds: [] },
    ]);
    // The same teams again (another case, another order) write nothing, not even the read time.
    expect(await replaceTeams(db, { owner: "acme", source: "config", teams: [{ name: "ghost", members: [], repos: ["Elsewhere/Unknown"] }, { name: "Platform", members: ["alice"], repos: ["API"] }], at: 7 })).toBe(false);
    expect(await teamsSyncedAt(db, { owner: "acme", source: "config" })).toBe(5);
    await replaceTeams(db, { owner: "acme", source: "github", teams: [], at: 9 });
    expect((await listTeams(db, "acme")).map((t) => [t.name, t.logins])).toEqual([["ghost", []], ["Platform", ["alice"]]]);
    expect(await teamsSyncedAt(db, { owner: "Acme", source: "github" })).toBe(9);
    expect(await teamsSyncedAt(db, { owner: "acme", source: "config" })).toBe(5);
    expect(await listTeams(db, "other")).toEqual([]);
  });

  it("lets one reader claim a GitHub teams read per period, and forgets a source whole", async () => {
    const H6 = 6 * H;
    expect(await claimTeamsRead(db, { owner: "Acme", source: "github", at: 1_000, everyMs: H6 })).toBe(true);
    expect(await claimTeamsRead(db, { owner: "acme", source: "github", at: 1_000, everyMs: H6 })).toBe(false);
    expect(await claimTeamsRead(db, { owner: "acme", source: "github", at: 1_000 + H6 - 1, everyMs: H6 })).toBe(false);
    expect(await teamsSyncedAt(db, { owner: "acme", source: "github" })).toBe(1_000);
    expect(await claimTeamsRead(db, { owner: "acme", source: "github", at: 1_000 + H6, everyMs: H6 })).toBe(true);
    expect(await teamsSyncedAt(db, { owner: "acme", source: "github" })).toBe(1_000 + H6);
    await replaceTeams(db, { owner: "acme", source: "github", teams: [{ name: "web-team", members: ["dave"], repos: [] }], at: 2 * H6 });
    await replaceTeams(db, { owner: "acme", source: "config", teams: [{ name: "ops", members: ["erin"], repos: [] }], at: 2 * H6 });
    await forgetTeams(db, { owner: "ACME", source: "github" });
    expect(await listTeams(db, "acme")).toEqual([{ name: "ops", logins: ["erin"], repoIds: [] }]);
    expect(await teamsSyncedAt(db, { owner: "acme", source: "github" })).toBeUndefined();
  });

  it("narrows PRs to a team and groups cycle time by team and by size", async () => {
    await mergedPr(db, { repoId: 1, number: 1, author: "Alice", review: 10, merge: 11, additions: 5 });
    await mergedPr(db, { repoId: 2, number: 2, author: "dave", review: 12, merge: 14, additions: 150 });
    await mergedPr(db, { repoId: 2, number: 3, author: "erin", review: 9, merge: 10, additions: 2000 });
    await replaceTeams(db, { owner: "acme", source: "config", teams: [{ name: "platform", members: ["dave"], repos: ["api"] }, { name: "web", members: ["alice", "dave"], repos: [] }], at: 1 });
    const teams = await listTeams(db, "acme");
    const scope = { repoIds: [1, 2], from: MONDAY, to: MONDAY + 7 * DAY };
    const platform = teams.find((t) => t.name === "platform")!;
    expect((await listPullRequestRows(db, { ...scope, team: platform })).rows.map((r) => r.record.number)).toEqual([1, 2]);

    const byTeam = cycleTimeReport(await listCycleTimeDays(db, { ...scope, groupBy: "team" }), { ...scope, bucket: "all", groupBy: "team", teams });
    expect(byTeam.map((row) => [row.group, row.phases.review.count, row.phases.review.median])).toEqual([["none", 1, 3600], ["platform", 2, 5400], ["web", 2, 5400]]);

    const teamOnly = cycleTimeReport(await listCycleTimeDays(db, { ...scope, team: teams.find((t) => t.name === "web")! }), { ...scope, bucket: "all" });
    expect(teamOnly[0]!.phases.cycle.count).toBe(2);

    const bySize = cycleTimeReport(await listCycleTimeDays(db, { ...scope, groupBy: "size" }), { ...scope, bucket: "all", groupBy: "size" });
    expect(bySize.map((row) => [row.group, row.phases.cycle.count])).toEqual([["M", 1], ["XL", 1], ["XS", 1]]);
  });

  it("stores working hours per repository and the report applies them to pickup and review only", async () => {
    // Opened Monday 09:00 UTC, reviewed Tuesday 10:00, merged Tuesday 12:00.
    await mergedPr(db, { repoId: 1, number: 1, author: "alice", review: 34, merge: 36, additions: 5 });
    const berlin = { timeZone: "Europe/Berlin", days: ["mon", "tue", "wed", "thu", "fri"] as const, startMinute: 9 * 60, endMinute: 17 * 60 };
    await saveRepoSettings(db, { repoId: 1, settings: { workingHours: berlin, incidents: ["labels"] }, at: 1 });
    await saveRepoSettings(db, { repoId: 2, settings: { workingHours: null, incidents: ["labels"] }, at: 1 });
    const saved = await listWorkingHours(db, [1, 2]);
    expect([...saved.keys()]).toEqual([1]);
    const scope = { repoIds: [1], from: MONDAY, to: MONDAY + 7 * DAY };
    const days = await listCycleTimeDays(db, scope);
    const raw = cycleTimeReport(days, { ...scope, bucket: "all" })[0]!.phases;
    const working = cycleTimeReport(days, { ...scope, bucket: "all", working: (repoId) => workingSpan(saved.get(repoId) ?? DEFAULT_WORKING_HOURS) })[0]!.phases;
    expect(raw.pickup.median).toBe(25 * 3600);
    // Berlin 09:00-17:00 is 08:00-16:00 UTC in March: Monday 09:00-16:00 (7 h) + Tuesday 08:00-10:00 (2 h).
    expect(working.pickup.median).toBe(9 * 3600);
    expect(working.review.median).toBe(2 * 3600);
    expect(working.cycle.median).toBe(raw.cycle.median);
  });
});
