import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import { listKnownRepositories, listMergedFacts, listWaitingForReview } from "../../src/store/dashboard.js";
import { seedDashboard } from "../dashboard/seed-dashboard.js";
import { stores } from "../helpers/stores.js";

const at = (iso: string) => Date.parse(iso);

describe.each(stores)("dashboard queries on $name", ({ open }) => {
  let db: Db;
  beforeEach(async () => {
    db = await open();
    await seedDashboard(db);
  });
  afterEach(() => db.close());

  it("listKnownRepositories: every repository the metrics know, by owner and name, with its stored address (none seeded)", async () => {
    expect(await listKnownRepositories(db)).toEqual([
      { repoId: 1, owner: "acme", name: "api", htmlUrl: null },
      { repoId: 2, owner: "acme", name: "web", htmlUrl: null },
    ]);
  });

  it("listWaitingForReview: open, ready, unreviewed PRs by humans, longest-waiting first, up to the limit", async () => {
    expect(await listWaitingForReview(db, { repoIds: [1, 2], limit: 10 })).toEqual([
      { repo: "acme/api", number: 5, title: "Retry payment webhooks", author: "octocat", readyAt: at("2024-06-01T10:00:00Z"), url: null },
    ]);
    expect(await listWaitingForReview(db, { repoIds: [2], limit: 10 })).toEqual([]);
    expect(await listWaitingForReview(db, { repoIds: [1], limit: 0 })).toEqual([]);
    expect(await listWaitingForReview(db, { repoIds: [], limit: 10 })).toEqual([]);
  });

  it("listMergedFacts: human PRs merged in [from, to) of the repositories asked for", async () => {
    const facts = await listMergedFacts(db, { repoIds: [1, 2], from: at("2024-05-20T00:00:00Z"), to: at("2024-05-27T06:00:00Z") });
    expect(facts.map((row) => [row.repoId, row.number]).sort()).toEqual([
      [1, 1],
      [1, 2],
    ]);
    expect(facts.find((row) => row.number === 1)).toMatchObject({
      mergedAt: at("2024-05-20T18:00:00Z"),
      firstCommitAt: at("2024-05-20T00:00:00Z"),
      openedAt: at("2024-05-20T10:00:00Z"),
      readyAt: at("2024-05-20T10:00:00Z"),
      firstReviewAt: at("2024-05-20T13:00:00Z"),
      deployedAt: at("2024-05-20T20:00:00Z"),
      additions: 50,
      deletions: 10,
    });
    expect((await listMergedFacts(db, { repoIds: [2], from: 0, to: at("2024-06-03T00:00:00Z") })).map((row) => row.number)).toEqual([1]);
    expect(await listMergedFacts(db, { repoIds: [], from: 0, to: Number.MAX_SAFE_INTEGER })).toEqual([]);
  });
});
