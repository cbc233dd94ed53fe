import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { changedLines } from "../../src/coverage/changed-lines.js";
import { judgeCoverage, type CoverageFacts } from "../../src/coverage/judge-coverage.js";
import { indexPaths } from "../../src/coverage/match-paths.js";
import { fileTotals } from "../../src/coverage/model.js";
import { parseReport } from "../../src/coverage/parse-report.js";
import { prFilesFromGitDiff } from "./pr-files.js";

const fixture = (path: string) => readFileSync(new URL(`../fixtures/coverage/${path}`, import.meta.url));
const prFiles = prFilesFromGitDiff(fixture("pr.diff").toString("utf8"));
const HEAD = "1111111aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
const BASE = "a1b2c3d000000000000000000000000000000000";
const config = { artifact: "coverage", patch: { target: 80 }, project: { max_drop: 0.5 }, ignore: [] as string[], annotations: 50 };

function facts(report: string, overrides: Partial<CoverageFacts> = {}): CoverageFacts {
  const head = parseReport(fixture(`head/${report}`), report).files;
  const base = parseReport(fixture(`base/${report}`), report).files;
  return {
    headSha: HEAD,
    runs: { pending: 0, withoutArtifact: [], errors: [] },
    head,
    base: { sha: BASE, how: "base-sha", files: new Map([...base].map(([path, file]) => [path, fileTotals(file)])) },
    prFiles,
    config,
    ...overrides,
  };
}

describe("changedLines", () => {
  it.each([
    ["@@ -1,3 +1,4 @@\n a\n+b\n c\n-d\n+e", [2, 4]],
    ["@@ -10,2 +12,3 @@ fn\n x\n+y\n+z\n\\ No newline at end of file", [13, 14]],
    ["@@ -1 +1 @@\n-old\n+new\n@@ -20,0 +21,2 @@\n+p\n+q", [1, 21, 22]],
    ["@@ -5,3 +5,0 @@\n-a\n-b\n-c", []],
  ])("%j -> %j", (patch, lines) => expect(changedLines(patch)).toEqual(lines));
});

describe("indexPaths", () => {
  const index = indexPaths(["src/a.ts", "/ci/build/pkg/x/util.ts", "com/acme/A.java", "/m/one/index.ts", "/m/two/index.ts"]);
  it.each([
    ["src/a.ts", "src/a.ts"],
    ["pkg/x/util.ts", "/ci/build/pkg/x/util.ts"],
    ["svc/src/main/java/com/acme/A.java", "com/acme/A.java"],
    ["index.ts", undefined],
    ["one/index.ts", "/m/one/index.ts"],
    ["other/a.ts", undefined],
  ])("%s -> %s", (repoPath, reportPath) => expect(index.find(repoPath)).toBe(reportPath));
});

// The PR (fixtures/coverage/pr.diff): edits, a deletion, two renames with edits, new files, in four
// languages. Figures checked by hand against the reports' line data:
// - JS: 25 changed coverable lines, 7 uncovered: coupon.js 6-7 (throw branch) and 12-13
//   (listCoupons never called), price.js 7-8 (bulk branch), money.js 10 (renamed; the edited `if`
//   line is covered... line 10 is its body) -> 18/25 = 72%. Project 66/82 = 80.5% vs 59/75 = 78.7%.
// - Go: points.go 4-8 all uncovered (5), shop.go 11 covered, 12-13 not -> 1/8 = 12.5%;
//   project 8/17 = 47.1%.
// - Python: shop.py 8 covered, 9 not, 22-25 added with 23-25 uncovered; money.py line 3 covered -> 50%.
describe("judgeCoverage on a realistic PR", () => {
  it.each([
    ["js.lcov.info", "fail", "Cover 2 more changed lines in js/src/coupon.js (patch 72%, target 80%)"],
    ["js.coverage-final.json", "fail", "Cover 2 more changed lines in js/src/coupon.js (patch 72%, target 80%)"],
    ["js.cobertura.xml", "fail", "Cover 2 more changed lines in js/src/coupon.js (patch 72%, target 80%)"],
    ["js.clover.xml", "fail", "Cover 2 more changed lines in js/src/coupon.js (patch 72%, target 80%)"],
    ["js.coverage-summary.json", "pass", "Patch n/a (no coverable changed lines) · project 80.5% (+1.8 pts vs base a1b2c3d)"],
    ["go.coverprofile", "fail", "Cover 6 more changed lines in go/shop/points.go and 1 other file (patch 12.5%, target 80%) · project dropped 2.9 pts; allowed 0.5"],
    ["py.cobertura.xml", "fail", "Cover 3 more changed lines in py/shop.py (patch 50%, target 80%) · project dropped 1.6 pts; allowed 0.5"],
    ["py.lcov.info", "fail", "Cover 3 more changed lines in py/shop.py (patch 50%, target 80%) · project dropped 1.6 pts; allowed 0.5"],
    ["java.jacoco.xml", "fail", "Cover 3 more changed lines in java/src/main/java/com/acme/shop/Points.java (patch 20%, target 80%) · project dropped 1.8 pts; allowed 0.5"],
  ])("%s: %s, %s", (report, outcome, title) => {
    const result = judgeCoverage(facts(report));
    expect(result.outcome).toBe(outcome);
    expect(result).toMatchObject({ title });
  });

  it("annotates only changed uncovered lines, merged into ranges, and tables the worst files", () => {
    const result = judgeCoverage(facts("js.lcov.info"));
    if (result.outcome !== "fail") throw new Error("expected fail");
    expect(result.annotations?.map((a) => `${a.path}:${a.start_line}-${a.end_line}`)).toEqual([
      "js/src/coupon.js:6-7",
      "js/src/coupon.js:12-13",
      "js/src/price.js:7-8",
      "js/src/util/money.js:10-10",
    ]);
    expect(result.text).toContain("| `js/src/coupon.js` | 4 |");
    expect(result.summary).toContain("18 of 25 changed coverable lines are covered (72%); the target is 80%. Cover 2 more to pass.");
    expect(result.summary).toContain("80.5% at 1111111 vs 78.7% at a1b2c3d, the PR's base commit: +1.8 pts");
  });

  it("caps annotations at coverage.annotations and honours ignore globs", () => {
    const capped = judgeCoverage({ ...facts("js.lcov.info"), config: { ...config, annotations: 1 } });
    expect("annotations" in capped && capped.annotations).toHaveLength(1);
    const ignored = judgeCoverage({ ...facts("js.lcov.info"), config: { ...config, ignore: ["src/coupon.js", "**/price.js"] } });
    // Left: cart.js (7 changed, all covered) and money.js (1 of 2 covered) -> 8 of 9.
    expect(ignored).toMatchObject({ title: expect.stringMatching(/^Patch 88\.9% \(target 80%\)/) });
  });

  it("reports an unknown project delta without a base, and never fails for it", () => {
    const result = judgeCoverage({ ...facts("go.coverprofile"), base: null, config: { ...config, patch: { target: 10 } } });
    expect(result).toMatchObject({ outcome: "pass", title: "Patch 12.5% (target 10%) · project 47.1% (base unknown)" });
    expect("summary" in result && result.summary).toContain("the project delta is unknown");
  });

  it("waits while other runs are in progress, and is neutral when no run had the artifact", () => {
    expect(judgeCoverage({ ...facts("go.coverprofile"), runs: { pending: 2, withoutArtifact: [], errors: [] } })).toMatchObject({
      outcome: "pending",
      title: "Waiting for 2 more workflow runs",
    });
    expect(judgeCoverage({ ...facts("go.coverprofile"), head: null, runs: { pending: 0, withoutArtifact: ["CI"], errors: [] } })).toMatchObject({
      outcome: "neutral",
      title: 'Upload an artifact named "coverage" to judge coverage',
    });
    expect(judgeCoverage({ ...facts("go.coverprofile"), head: null })).toEqual({ outcome: "silent" });
  });
});
