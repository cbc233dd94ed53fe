import { describe, expect, it } from "vitest";
import { attentionOf } from "../../src/reporting/attention.js";
import type { PullListItem } from "../../src/reporting/figures.js";
import { filterPulls, parsePullFilters } from "../../src/reporting/pull-list.js";

const H = 3_600_000;
const pr = (number: number, fields: Partial<PullListItem> = {}): PullListItem => ({
  repo: "acme/api", number, title: `Change ${number}`, author: "octocat", mergedAt: "2024-05-21T10:00:00.000Z",
  phases: { coding: H, pickup: number * H, review: H, deploy: null, cycle: 3 * H }, lines: 50, size: "S",
  hygiene: { ticket: "success", adr: null, coverage: "skipped" }, ...fields,
});

describe("the PR list's filters", () => {
  it("reads every filter and refuses values that can never match, naming the ones that would", () => {
    expect(parsePullFilters(new URLSearchParams("author=Octocat&size=M&ticket=failed&week=2024-05-20&phase=pickup"))).toEqual({
      filters: { author: "Octocat", size: "M", hygiene: { ticket: "failed" }, week: "2024-05-20", phase: "pickup" },
    });
    expect(parsePullFilters(new URLSearchParams("size=XXL"))).toEqual({ error: 'size must be one of XS, S, M, L, XL, not "XXL"' });
    expect(parsePullFilters(new URLSearchParams("adr=maybe"))).toEqual({ error: 'adr must be one of passed, failed, skipped, none, not "maybe"' });
    expect(parsePullFilters(new URLSearchParams("week=2024-05-22"))).toEqual({ error: 'week must be the Monday a week starts, like 2024-05-20, not "2024-05-22"' });
    expect(parsePullFilters(new URLSearchParams("phase=lunch"))).toEqual({ error: 'phase must be one of coding, pickup, review, deploy, cycle, not "lunch"' });
  });

  it("matches authors in any case, hygiene outcomes by what they mean, weeks by merge, and sorts by a phase", () => {
    const prs = [
      pr(1),
      pr(2, { author: "hubot", hygiene: { ticket: "neutral", adr: null, coverage: null }, size: "XL" }),
      pr(3, { mergedAt: "2024-05-28T10:00:00.000Z", hygiene: { ticket: "failure", adr: "pending", coverage: "success" } }),
    ];
    const numbers = (query: string) => {
      const parsed = parsePullFilters(new URLSearchParams(query));
      if ("error" in parsed) throw new Error(parsed.error);
      return filterPulls(prs, parsed.filters).shown.map((p) => p.number);
    };
    expect(numbers("")).toEqual([3, 1, 2]);
    expect(numbers("author=HUBOT")).toEqual([2]);
    expect(numbers("ticket=failed")).toEqual([3, 2]);
    expect(numbers("ticket=passed")).toEqual([1]);
    expect(numbers("adr=none")).toEqual([3, 1, 2]);
    expect(numbers("coverage=skipped")).toEqual([1]);
    expect(numbers("week=2024-05-20&phase=pickup")).toEqual([2, 1]);
    expect(numbers("phase=deploy")).toEqual([]);
    expect(numbers("size=XL")).toEqual([2]);
    expect(filterPulls(prs, { hygiene: {} }).authors).toEqual(["hubot", "octocat"]);
  });

  it("shows at most 200 and counts them all", () => {
    const many = Array.from({ length: 250 }, (_, i) => pr(i + 1));
    const list = filterPulls(many, { hygiene: {} });
    expect([list.shown.length, list.total]).toEqual([200, 250]);
  });
});

describe("attention", () => {
  const base = { scope: { owner: "acme", repo: "api" }, count: 3, sparkline: [], lastUpdatedAt: null, backfill: null };
  it("weighs a failed backfill, low and medium DORA bands, a worse cycle time and waiting PRs", () => {
    expect(
      attentionOf({
        ...base,
        cycleMedian: 12 * H,
        previousCycleMedian: 10 * H,
        dora: [
          { key: "deployment_frequency", value: 0.1, band: "low", previous: null },
          { key: "lead_time", value: H, band: "medium", previous: null },
          { key: "change_failure_rate", value: 0, band: "elite", previous: null },
          { key: "time_to_restore", value: null, band: null, previous: null },
        ],
        waiting: { active: 9, stale: 4 },
        backfill: { repo: "acme/api", state: "failed", phase: "deployments", done: 1, total: 2, updatedAt: "2024-06-01T00:00:00Z", lastError: "boom" },
      }),
    ).toEqual({ attention: 8 + 4 + 1 + 2 + 5, reasons: ["backfill failed", "1 DORA key low", "1 DORA key medium", "cycle time ▲ 20%", "9 waiting for review"] });
    expect(attentionOf({ ...base, cycleMedian: 10.5 * H, previousCycleMedian: 10 * H, dora: [], waiting: { active: 0, stale: 7 } })).toEqual({ attention: 0, reasons: [] });
  });
});
