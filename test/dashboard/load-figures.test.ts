import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { storeFiguresSource } from "../../src/reporting/load-figures.js";
import type { Db } from "../../src/store/db.js";
import { stores } from "../helpers/stores.js";
import { H, SEEDED_NOW, seedDashboard } from "./seed-dashboard.js";

const now = new Date(SEEDED_NOW);
const may = { from: new Date("2024-05-13T00:00:00Z"), to: new Date("2024-06-03T00:00:00Z") };

describe.each(stores.map((s) => [s.name, s] as const))("storeFiguresSource on %s", (_name, store) => {
  let db: Db;
  beforeEach(async () => {
    db = await store.open();
    await seedDashboard(db);
  });
  afterEach(() => db.close());

  it("gives a repository's weekly phase medians, sizes, hygiene and waiting PRs from the metric queries", async () => {
    const figures = await storeFiguresSource(db).figures({ scope: { owner: "acme", repo: "api" }, range: may, now });
    expect(figures.weeks).toEqual([
      { week: "2024-05-13", count: 0, phases: { coding: null, pickup: null, review: null, deploy: null }, cycle: null },
      { week: "2024-05-20", count: 2, phases: { coding: 8 * H, pickup: 5.5 * H, review: 3.5 * H, deploy: 3 * H }, cycle: 20 * H },
      { week: "2024-05-27", count: 1, phases: { coding: 4 * H, pickup: 1 * H, review: 1 * H, deploy: 1 * H }, cycle: 7 * H },
    ]);
    expect(figures.total).toMatchObject({ count: 3, cycle: 20 * H, phases: { coding: 6 * H, pickup: 3 * H, review: 2 * H, deploy: 2 * H } });
    expect(figures.sizes.map((s) => s.count)).toEqual([1, 1, 0, 1, 0]);
    expect(figures.hygiene).toEqual([
      { check: "ticket", passed: 2, failed: 1, passedCycleMedian: 13.5 * H, failedCycleMedian: 20 * H, missed: [{ repo: "acme/api", number: 2 }] },
      { check: "adr", passed: 0, failed: 0, passedCycleMedian: null, failedCycleMedian: null, missed: [] },
      { check: "coverage", passed: 1, failed: 1, passedCycleMedian: 20 * H, failedCycleMedian: 20 * H, missed: [{ repo: "acme/api", number: 2 }] },
    ]);
    expect(figures.waiting).toEqual([{ repo: "acme/api", number: 5, title: "Retry payment webhooks", author: "octocat", readyAt: "2024-06-01T10:00:00.000Z" }]);
    const cfr = figures.dora.find((d) => d.key === "change_failure_rate");
    expect(cfr).toEqual({ key: "change_failure_rate", value: 0.25, band: "low", previous: 0 });
  });

  it("covers an organisation's repositories, names in any case", async () => {
    const figures = await storeFiguresSource(db).figures({ scope: { owner: "ACME" }, range: { from: new Date("2024-04-29T00:00:00Z"), to: may.to }, now });
    expect(figures.weeks.map((w) => [w.week, w.count])).toEqual([["2024-04-29", 1], ["2024-05-06", 0], ["2024-05-13", 0], ["2024-05-20", 2], ["2024-05-27", 1]]);
    expect(figures.weeks[0]?.phases.deploy).toBeNull();
  });

  it("lists every organisation and repository with its cycle time and the window before", async () => {
    const summaries = await storeFiguresSource(db).summaries(may);
    expect(summaries.map((s) => [s.scope, s.count, s.cycleMedian, s.previousCycleMedian])).toEqual([
      [{ owner: "acme" }, 3, 20 * H, 9 * H],
      [{ owner: "acme", repo: "api" }, 3, 20 * H, null],
      [{ owner: "acme", repo: "web" }, 0, null, 9 * H],
    ]);
  });

  it("knows nothing of an unknown repository", async () => {
    const figures = await storeFiguresSource(db).figures({ scope: { owner: "nobody", repo: "x" }, range: may, now });
    expect(figures.weeks.every((w) => w.count === 0)).toBe(true);
    expect(figures.total.count).toBe(0);
    expect(figures.waiting).toEqual([]);
  });
});
