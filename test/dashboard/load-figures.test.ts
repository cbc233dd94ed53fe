import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeFiguresSource } from "../../src/reporting/load-figures.js";
import type { Db } from "../../src/store/db.js";
import { replaceTeams } from "../../src/store/teams.js";
import { stores } from "../helpers/stores.js";
import { H, SEEDED_NOW, seedDashboard, seedStaleAndFailed } from "./seed-dashboard.js";

const now = new Date(SEEDED_NOW);
/** The operator's view: every repository (scoped viewers: test/dashboard/viewer-scope.test.ts). */
const viewer = { kind: "all" } as const;
const may = { from: new Date("2024-05-13T00:00:00Z"), to: new Date("2024-06-03T00:00:00Z") };

describe.each(stores.map((s) => [s.name, s] as const))("storeFiguresSource on %s", (_name, store) => {
  let db: Db;
  beforeEach(async () => {
    db = await store.open();
    await seedDashboard(db);
  });
  afterEach(() => db.close());

  it("gives a repository's weekly phase medians, sizes, hygiene and waiting PRs from the metric queries", async () => {
    const figures = await storeFiguresSource(db).figures({ scope: { owner: "acme", repo: "api" }, range: may, now, viewer });
    expect(figures.weeks).toEqual([
      { week: "2024-05-13", count: 0, phases: { coding: null, pickup: null, review: null, deploy: null }, cycle: null },
      { week: "2024-05-20", count: 2, phases: { coding: 8 * H, pickup: 5.5 * H, review: 3.5 * H, deploy: 3 * H }, cycle: 20 * H },
      { week: "2024-05-27", count: 1, phases: { coding: 4 * H, pickup: 1 * H, review: 1 * H, deploy: 1 * H }, cycle: 7 * H },
    ]);
    expect(figures.total).toMatchObject({ count: 3, cycle: 20 * H, phases: { coding: 6 * H, pickup: 3 * H, review: 2 * H, deploy: 2 * H } });
    expect(figures.sizes.map((s) => s.count)).toEqual([1, 1, 0, 1, 0]);
    expect(figures.hygiene).toEqual([
      { check: "ticket", passed: 2, failed: 1, passedCycleMedian: 13.5 * H, failedCycleMedian: 20 * H, missed: [{ repo: "acme/api", number: 2, url: null }] },
      { check: "adr", passed: 0, failed: 0, passedCycleMedian: null, failedCycleMedian: null, missed: [] },
      { check: "coverage", passed: 1, failed: 1, passedCycleMedian: 20 * H, failedCycleMedian: 20 * H, missed: [{ repo: "acme/api", number: 2, url: null }] },
    ]);
    expect(figures.waiting).toEqual([{ repo: "acme/api", number: 5, title: "Retry payment webhooks", author: "octocat", readyAt: "2024-06-01T10:00:00.000Z", url: null }]);
    const cfr = figures.dora.find((d) => d.key === "change_failure_rate");
    expect(cfr).toEqual({ key: "change_failure_rate", value: 0.25, band: "low", previous: 0 });
  });

  it("covers an organisation's repositories, names in any case", async () => {
    const figures = await storeFiguresSource(db).figures({ scope: { owner: "ACME" }, range: { from: new Date("2024-04-29T00:00:00Z"), to: may.to }, now, viewer });
    expect(figures.weeks.map((w) => [w.week, w.count])).toEqual([["2024-04-29", 1], ["2024-05-06", 0], ["2024-05-13", 0], ["2024-05-20", 2], ["2024-05-27", 1]]);
    expect(figures.weeks[0]?.phases.deploy).toBeNull();
  });

  it("lists every organisation and repository with its cycle time and the window before", async () => {
    const summaries = await storeFiguresSource(db).summaries({ range: may, viewer });
    expect(summaries.map((s) => [s.scope, s.count, s.cycleMedian, s.previousCycleMedian])).toEqual([
      [{ owner: "acme" }, 3, 20 * H, 9 * H],
      [{ owner: "acme", repo: "api" }, 3, 20 * H, null],
      [{ owner: "acme", repo: "web" }, 0, null, 9 * H],
    ]);
  });

  it("knows nothing of an unknown repository", async () => {
    const figures = await storeFiguresSource(db).figures({ scope: { owner: "nobody", repo: "x" }, range: may, now, viewer });
    expect(figures.weeks.every((w) => w.count === 0)).toBe(true);
    expect(figures.total.count).toBe(0);
    expect(figures.waiting).toEqual([]);
  });

  it("keeps stale PRs out of the waiting list, counts them, and says how fresh each repository is", async () => {
    await seedStaleAndFailed(db);
    const figures = await storeFiguresSource(db).figures({ scope: { owner: "acme" }, range: may, now, viewer });
    expect(figures.known).toBe(true);
    expect(figures.waiting.map((w) => w.number)).toEqual([5]);
    expect(figures.waitingStale).toBe(1);
    expect(figures.freshness).toEqual({
      lastUpdatedAt: "2024-06-01T10:00:00.000Z",
      backfills: [{ repo: "acme/web", state: "failed", phase: "deployments", done: 40, total: 40, updatedAt: "2024-06-02T08:05:00.000Z", lastError: "GitHub answered 404 for deployments of acme/web" }],
      merged: 3,
      awaitingDeployment: 0,
    });
    // A cut-off of 100 days lists the March PR again, oldest first.
    const wide = await storeFiguresSource(db, { reviewActiveDays: 100 }).figures({ scope: { owner: "acme", repo: "api" }, range: may, now, viewer });
    expect([wide.waiting.map((w) => w.number), wide.waitingStale]).toEqual([[8, 5], 0]);
    expect((await storeFiguresSource(db).figures({ scope: { owner: "nobody" }, range: may, now, viewer })).known).toBe(false);
  });

  it("counts a merged PR of a deploying repository as awaiting deployment until a deployment contains it", async () => {
    await db.kysely
      .insertInto("pull_requests")
      .values({ repo_id: 1, number: 9, author: "octocat", author_is_bot: 0, title: "Undeployed", draft: 0, head_sha: "h9", base_ref: "main", merge_commit_sha: null, first_commit_at: null, first_commit_fetched: 1, opened_at: Date.parse("2024-05-29T08:00:00Z"), ready_at: Date.parse("2024-05-29T08:00:00Z"), first_review_at: null, first_approval_at: null, merged_at: Date.parse("2024-05-29T12:00:00Z"), closed_at: Date.parse("2024-05-29T12:00:00Z"), deployed_at: null, additions: 3, deletions: 0, changed_files: 1, snapshot_at: Date.parse("2024-05-29T12:00:00Z") })
      .execute();
    const figures = await storeFiguresSource(db).figures({ scope: { owner: "acme" }, range: may, now, viewer });
    expect([figures.freshness.merged, figures.freshness.awaitingDeployment]).toEqual([4, 1]);
  });

  it("lists the merged PRs of a scope with their phases, and null for an unknown one", async () => {
    const pulls = await storeFiguresSource(db).pulls({ scope: { owner: "acme", repo: "api" }, range: may, viewer });
    expect(pulls?.map((p) => [p.number, p.author, p.size, p.phases.pickup, p.hygiene.ticket])).toEqual([
      [1, "octocat", "S", 3 * H, "success"],
      [2, "octocat", "L", 8 * H, "failure"],
      [3, "octocat", "XS", 1 * H, "success"],
    ].sort((a, b) => Number(a[0]) - Number(b[0])));
    expect(await storeFiguresSource(db).pulls({ scope: { owner: "acme", repo: "nope" }, range: may, viewer })).toBeNull();
  });

  it("orders the overview by attention, with twelve weekly medians and waiting counts per repository", async () => {
    await seedStaleAndFailed(db);
    const rows = await storeFiguresSource(db).overview({ range: may, now, viewer });
    // Over these three weeks acme/api deploys often enough for the high band: only its change failure rate is low.
    expect(rows.map((r) => [`${r.scope.owner}/${r.scope.repo}`, r.attention, r.reasons, r.waiting])).toEqual([
      ["acme/web", 8, ["backfill failed"], { active: 0, stale: 0 }],
      ["acme/api", 5, ["1 DORA key low", "1 waiting for review"], { active: 1, stale: 1 }],
    ]);
    // Twelve weeks ending with the range's last (27 May): 20 May 20h, 27 May 7h, nothing merged before.
    expect(rows[1]?.sparkline.map((w) => w.cycle)).toEqual([...Array<null>(10).fill(null), 20 * H, 7 * H]);
    expect(rows[1]?.sparkline[0]?.week).toBe("2024-03-11");
  });

  it("narrows a team's page to its PRs, its DORA keys to the repositories it worked in, and lists an organisation's teams", async () => {
    await replaceTeams(db, {
      owner: "acme",
      source: "config",
      at: now.getTime(),
      teams: [
        { name: "Frontend", members: [], repos: ["web"] },
        { name: "payments", members: [], repos: ["acme/api"] },
        { name: "ghosts", members: ["nobody"], repos: [] },
      ],
    });
    const source = storeFiguresSource(db);
    const spring = { from: new Date("2024-04-29T00:00:00Z"), to: may.to };
    const org = await source.figures({ scope: { owner: "acme" }, range: spring, now, viewer });
    expect(org.teams).toEqual(["Frontend", "ghosts", "payments"]);

    const frontend = await source.figures({ scope: { owner: "acme", team: "frontend" }, range: spring, now, viewer });
    expect(frontend).toMatchObject({ known: true, scope: { owner: "acme", team: "Frontend" }, teams: [] });
    expect(frontend.weeks.map((w) => w.count)).toEqual([1, 0, 0, 0, 0]);
    expect(frontend.total.cycle).toBe(9 * H);
    // acme/web never deployed: acme/api's deployments and failure are not the team's.
    expect(frontend.dora.find((d) => d.key === "change_failure_rate")?.value).toBeNull();
    expect(frontend.waiting).toEqual([]);

    const payments = await source.figures({ scope: { owner: "acme", team: "payments" }, range: may, now, viewer });
    expect(payments.weeks.map((w) => w.count)).toEqual([0, 2, 1]);
    expect(payments.dora.find((d) => d.key === "change_failure_rate")?.value).toBe(0.25);
    expect(payments.waiting.map((w) => `${w.repo}#${w.number}`)).toEqual(["acme/api#5"]);

    const ghosts = await source.figures({ scope: { owner: "acme", team: "ghosts" }, range: spring, now, viewer });
    expect(ghosts.known).toBe(true);
    expect(ghosts.total.count).toBe(0);

    expect((await source.pulls({ scope: { owner: "acme", team: "Frontend" }, range: spring, viewer }))?.map((p) => `${p.repo}#${p.number}`)).toEqual(["acme/web#1"]);
    expect((await source.figures({ scope: { owner: "acme", team: "nope" }, range: spring, now, viewer })).known).toBe(false);
    expect(await source.pulls({ scope: { owner: "acme", team: "nope" }, range: spring, viewer })).toBeNull();
  });
});
