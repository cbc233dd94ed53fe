import { describe, expect, it } from "vitest";
import { cycleTimeReport } from "../../src/metrics/cycle-time-report.js";
import { phaseDurations } from "../../src/metrics/definitions.js";
import { Samples, distribution } from "../../src/metrics/percentile.js";
import { DAY_MS, type CycleTimeDay } from "../../src/model/cycle-time-days.js";

const H = 3_600_000;
const DAY = Date.parse("2024-06-05T00:00:00Z") / DAY_MS;
const at = (hours: number) => DAY * DAY_MS + hours * H;

/** One repo-day as the store returns it: each column comma-joined, "" for null. */
function day(prs: Array<{ merged: number; commit: number | null; opened: number; ready: number | null; review: number | null; deployed: number | null; grp?: string }>, format = (n: number) => String(n)): CycleTimeDay {
  const join = (pick: (pr: (typeof prs)[number]) => number | null) => prs.map((pr) => (pick(pr) === null ? "" : format(pick(pr)!))).join(",");
  return {
    repo_id: 1, day: DAY, grp: prs.map((pr) => pr.grp ?? "").join(","),
    merged_at: join((pr) => pr.merged), first_commit_at: join((pr) => pr.commit), opened_at: join((pr) => pr.opened),
    ready_at: join((pr) => pr.ready), first_review_at: join((pr) => pr.review), deployed_at: join((pr) => pr.deployed),
  };
}

const PRS = [
  { merged: at(10), commit: at(-30), opened: at(-20), ready: null, review: at(2), deployed: at(12), grp: "success" },
  { merged: at(11), commit: null, opened: at(1), ready: at(3), review: null, deployed: null, grp: "" },
  { merged: at(12), commit: at(-5), opened: at(-6), ready: at(-4), review: at(20), deployed: at(13), grp: "failure" },
];

describe("cycle-time report from day columns", () => {
  it("reads every column, nulls included, into the written definitions", () => {
    const [row] = cycleTimeReport({ days: [day(PRS)], productionSince: new Map([[1, at(-100)]]) }, { from: at(-24), bucket: "all" });
    const expected = PRS.map((pr) => phaseDurations({ mergedAt: pr.merged, firstCommitAt: pr.commit, openedAt: pr.opened, readyAt: pr.ready, firstReviewAt: pr.review, deployedAt: pr.deployed }, at(-100)));
    for (const phase of ["coding", "pickup", "review", "deploy", "cycle"] as const) {
      expect(row!.phases[phase]).toEqual(distribution(expected.flatMap((d) => (d[phase] === null ? [] : [d[phase]! / 1000]))));
    }
    // The second PR has no deployment although the repo deploys: no deploy time; a review after the merge is no pickup.
    expect(row!.phases.deploy.count).toBe(2);
    expect(row!.phases.pickup.count).toBe(1);
  });

  it("a short day after a long one reads only its own values", () => {
    const long = day(PRS);
    const short = { ...day([PRS[1]!]), day: DAY + 1 };
    const [both] = cycleTimeReport({ days: [long, short], productionSince: new Map() }, { from: at(-24), bucket: "all" });
    const [alone] = cycleTimeReport({ days: [long], productionSince: new Map() }, { from: at(-24), bucket: "all" });
    expect(both!.phases.cycle.count).toBe(alone!.phases.cycle.count + 1);
    expect(both!.phases.pickup.count).toBe(alone!.phases.pickup.count);
  });

  it("a column that is not plain digits (a REAL column, say) gives the same figures", () => {
    const plain = cycleTimeReport({ days: [day(PRS)], productionSince: new Map() }, { from: at(-24), bucket: "all", groupBy: "ticket" });
    const real = cycleTimeReport({ days: [day(PRS, (n) => `${n}.0`)], productionSince: new Map() }, { from: at(-24), bucket: "all", groupBy: "ticket" });
    expect(real).toEqual(plain);
    expect(plain.map((r) => r.group)).toEqual(["failure", "success", "unknown"]);
  });
});

describe("cycle-time report by team", () => {
  it("matches the store's author to the team's logins whatever their case", () => {
    const prs = [{ ...PRS[0]!, grp: "Octo-Cat" }, { ...PRS[1]!, grp: "octo-cat" }, { ...PRS[2]!, grp: "someone" }];
    const teams = [{ name: "platform", logins: ["octo-cat"], repoIds: [] }];
    const rows = cycleTimeReport({ days: [day(prs)], productionSince: new Map() }, { from: at(-24), bucket: "all", groupBy: "team", teams });
    expect(rows.map((row) => [row.group, row.phases.cycle.count])).toEqual([["none", 1], ["platform", 2]]);
  });
});

describe("Samples", () => {
  it("gives what distribution gives, across many doublings", () => {
    const values = Array.from({ length: 5000 }, (_, i) => ((i * 7919) % 5003) / 3);
    const samples = new Samples();
    for (const value of values) samples.push(value);
    expect(samples.distribution()).toEqual(distribution(values));
    expect(new Samples().distribution()).toEqual({ count: 0, median: null, p75: null, p90: null });
  });

  it("selects the same ranks as a sort for every size from 1 to 300, with ties, runs and reversed input", () => {
    // Sizes where the ranks around median, p75 and p90 coincide (1, 2, 5, 11, …) or sit side by side.
    let state = 12345;
    const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
    for (let n = 1; n <= 300; n++) {
      const shapes = [
        Array.from({ length: n }, () => next() % 1000),
        Array.from({ length: n }, () => next() % 3),
        Array.from({ length: n }, (_, i) => n - i),
        Array.from({ length: n }, (_, i) => i),
        Array.from({ length: n }, () => 42),
      ];
      for (const values of shapes) {
        const samples = new Samples();
        for (const value of values) samples.push(value);
        expect(samples.distribution(), `n=${n} ${values.slice(0, 5).join(",")}`).toEqual(distribution(values));
      }
    }
  });
});
