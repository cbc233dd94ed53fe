import { describe, expect, it } from "vitest";
import { doraBadgesHtml } from "../../src/dashboard/charts/dora-badges.js";
import { hygieneFlowSvg, hygieneSharesSvg } from "../../src/dashboard/charts/hygiene-bars.js";
import { phaseBarsSvg } from "../../src/dashboard/charts/phase-bars.js";
import { niceScale } from "../../src/dashboard/charts/scale.js";
import { sizeBarsSvg } from "../../src/dashboard/charts/size-bars.js";
import { scopePage } from "../../src/dashboard/scope-page.js";
import { makeScopeFigures } from "./dashboard-fixtures.js";

/** Every element's attributes, for elements carrying `attr`. */
function elementsWith(svg: string, attr: string): Record<string, string>[] {
  return [...svg.matchAll(/<(rect|g|div|tr)\b([^>]*)>/g)]
    .map((m) => Object.fromEntries([...(m[2] ?? "").matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])) as Record<string, string>)
    .filter((attrs) => attr in attrs);
}

describe("phaseBarsSvg", () => {
  const figures = makeScopeFigures();
  const svg = phaseBarsSvg(figures.weeks);
  const segments = elementsWith(svg, "data-phase");

  it("draws one segment per week and phase with a value, carrying the milliseconds", () => {
    expect(segments.map((s) => [s["data-week"], s["data-phase"], Number(s["data-value"])])).toEqual(
      figures.weeks.flatMap((w) => Object.entries(w.phases).filter(([, v]) => v !== null).map(([phase, v]) => [w.week, phase, v])),
    );
  });

  it("stacks phases bottom to top in flow order, heights proportional to the values", () => {
    const week = segments.filter((s) => s["data-week"] === "2024-05-13");
    const ys = week.map((s) => Number(s.y));
    expect(ys).toEqual([...ys].sort((a, b) => b - a));
    const heights = week.map((s) => Number(s.height));
    expect((heights[0] ?? 0) / (heights[1] ?? 1)).toBeCloseTo(10 / 3, 1);
    for (let i = 1; i < week.length; i++) expect(Number(week[i]?.y) + Number(week[i]?.height)).toBeCloseTo(Number(week[i - 1]?.y), 0);
  });

  it("says so when there is nothing to draw", () => {
    expect(phaseBarsSvg([])).toContain("No merged pull requests");
    expect(phaseBarsSvg([{ week: "2024-05-13", count: 0, phases: { coding: null, pickup: null, review: null, deploy: null }, cycle: null }])).toContain("No merged pull requests");
  });
});

describe("other charts", () => {
  const figures = makeScopeFigures();

  it("size bars carry the PR count per bucket", () => {
    expect(elementsWith(sizeBarsSvg(figures.sizes), "data-bucket").map((b) => [b["data-bucket"], Number(b["data-value"])])).toEqual([
      ["XS", 3], ["S", 5], ["M", 2], ["L", 1], ["XL", 0],
    ]);
  });

  it("hygiene shares are passed over judged, empty when nothing was judged", () => {
    expect(elementsWith(hygieneSharesSvg(figures.hygiene), "data-check").map((b) => [b["data-check"], b["data-value"]])).toEqual([
      ["ticket", String(9 / 11)], ["adr", "1"], ["coverage", ""],
    ]);
  });

  it("hygiene x flow shows passed beside failed cycle time per check", () => {
    const bars = elementsWith(hygieneFlowSvg(figures.hygiene), "data-outcome").map((b) => [b["data-check"], b["data-outcome"], b["data-value"], b["data-count"]]);
    expect(bars.slice(0, 2)).toEqual([["ticket", "passed", String(12 * 3_600_000), "9"], ["ticket", "failed", String(30 * 3_600_000), "2"]]);
    expect(bars).toHaveLength(6);
  });

  it("DORA badges show band and a trend coloured by whether it improved", () => {
    const html = doraBadgesHtml(figures.dora);
    expect(elementsWith(html, "data-key").map((d) => [d["data-key"], d["data-band"]])).toEqual([
      ["deployment_frequency", "elite"], ["lead_time", "elite"], ["change_failure_rate", "high"], ["time_to_restore", ""], ["failed_deployment_recovery_time", ""],
    ]);
    expect(html).toContain(`<span class="trend better" title="against the window before: 1/day">▲ 50%</span>`);
    expect(html).toContain(`<span class="trend worse" title="against the window before: 10%">▲ 100%</span>`);
    expect(html).toContain(`band-none">no data`);
  });
});

describe("scopePage", () => {
  it("escapes text from GitHub and links every waiting PR", () => {
    const html = scopePage({ figures: makeScopeFigures(), now: new Date("2024-06-03T10:00:00Z"), viewer: {} });
    expect(html).toContain("Add &lt;retry&gt; to payments");
    expect(html).not.toContain("<retry>");
    expect(html).toContain(`<tr data-pr="acme/api#42" data-value="${48 * 3_600_000}">`);
    expect(html).toContain(`href="https://github.com/acme/api/pull/42"`);
    expect(html.match(/<details>/g)).toHaveLength(6);
    expect(html).toContain(`<li data-check="ticket">ticket: <a href="https://github.com/acme/api/pull/40">#40</a> <a href="https://github.com/acme/api/pull/38">#38</a></li>`);
    expect(html).not.toMatch(/<script|https?:\/\/(?!github\.com)[^"]*\.(js|css)/);
  });
});

describe("niceScale", () => {
  it.each([
    [9, 1, 10, [0, 2.5, 5, 7.5, 10]],
    [37, 1, 40, [0, 10, 20, 30, 40]],
    [0, 1, 1, [0, 1]],
    [5.5 * 3_600_000, 3_600_000, 6 * 3_600_000, [0, 2, 4, 6].map((h) => h * 3_600_000)],
  ])("max %s (unit %s) -> %s", (max, unit, top, ticks) => {
    expect(niceScale(max, unit)).toEqual({ max: top, ticks });
  });

  it.each([
    [1, [0, 1]],
    [3, [0, 1, 2, 3]],
    [9, [0, 5, 10]],
    [37, [0, 10, 20, 30, 40]],
  ])("counts up to %s get whole ticks %s", (max, ticks) => {
    expect(niceScale(max, 1, { whole: true }).ticks).toEqual(ticks);
  });
});
