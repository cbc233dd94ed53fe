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
// `partials: hit` gives the producing tools' own line figures (lcov --summary, coverage report);
// the Codecov rule (`miss`, the default) has its own table below.
const config = { artifact: "coverage", patch: { target: 80 }, project: { max_drop: 0.5 }, ignore: [] as string[], annotations: 50, partials: "hit" as "hit" | "miss" };

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

  it("resolves a tie by the closest report path, not by giving up", () => {
    const go = indexPaths(["github.com/acme/repo/pkg/util/strings.go", "github.com/acme/repo/internal/pkg/util/strings.go"]);
    expect(go.find("pkg/util/strings.go")).toBe("github.com/acme/repo/pkg/util/strings.go");
    expect(go.find("internal/pkg/util/strings.go")).toBe("github.com/acme/repo/internal/pkg/util/strings.go");
  });
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

  // Codecov's rule, partial = not a hit (JS: 16 of 25 changed lines, 4 more for 80%): checked independently of Shipshape by a script over the
  // LCOV (a DA line with hits and every BRDA of it taken): JS head 62/82 = 75.6%, base 46/61 = 75.4%.
  // All four JS formats agree; coverage.py 6.5's LCOV puts BRDA on the branch targets rather than
  // the branching line, so its lines are never partial while its Cobertura's are.
  it.each([
    ["js.lcov.info", "Cover 4 more changed lines in js/src/coupon.js (patch 64%, target 80%)"],
    ["js.coverage-final.json", "Cover 4 more changed lines in js/src/coupon.js (patch 64%, target 80%)"],
    ["js.cobertura.xml", "Cover 4 more changed lines in js/src/coupon.js (patch 64%, target 80%)"],
    ["js.clover.xml", "Cover 4 more changed lines in js/src/coupon.js (patch 64%, target 80%)"],
    ["py.cobertura.xml", "Cover 4 more changed lines in py/shop.py (patch 37.5%, target 80%) · project dropped 5 pts; allowed 0.5"],
    ["py.lcov.info", "Cover 3 more changed lines in py/shop.py (patch 50%, target 80%) · project dropped 1.6 pts; allowed 0.5"],
    ["java.jacoco.xml", "Cover 4 more changed lines in java/src/main/java/com/acme/shop/Points.java and 1 other file (patch 0%, target 80%) · project dropped 5.4 pts; allowed 0.5"],
  ])("%s under partials: miss (the default): %s", (report, title) => {
    const { partials: _hit, ...defaults } = config;
    const result = judgeCoverage({ ...facts(report), config: defaults });
    expect(result).toMatchObject({ outcome: "fail", title });
  });

  it("shows the branch figure and annotates partial lines apart from lines that never ran", () => {
    const result = judgeCoverage({ ...facts("js.lcov.info"), config: { ...config, partials: "miss" } });
    if (result.outcome !== "fail") throw new Error("expected fail");
    expect(result.summary).toContain(
      "**Branches:** 15 of 20 taken (75%). 4 line(s) ran with a branch not taken (2 of them changed in this PR); they are counted as not covered (`coverage.partials: miss`, Codecov's rule).",
    );
    const partial = result.annotations!.filter((a) => a.title === "Branch not taken by tests").map((a) => `${a.path}:${a.start_line}`);
    expect(partial).toEqual(["js/src/coupon.js:5", "js/src/price.js:6"]);
    expect(result.annotations!.find((a) => a.path === "js/src/price.js" && a.start_line === 6)!.message).toBe("Changed line 6 ran, but a branch on it was never taken.");
  });

  it("names changed source files the report does not have", () => {
    const result = judgeCoverage(facts("js.lcov.info"));
    expect("summary" in result && result.summary).toContain("**Not in the report:** 1 changed source file(s), so their lines were not judged: `js/test.js`.");
  });

  it("is neutral, naming the files, when no changed source file is in the report, and coverage.paths fixes it", () => {
    // A CPython-like layout: the report holds installed paths, the repo has Lib/.
    const lcov = "SF:/usr/lib/python3.11/email/x.py\nDA:1,1\nDA:2,0\nend_of_record\nSF:/usr/lib/python3.11/email/y.py\nDA:1,1\nend_of_record\n";
    const head = parseReport(Buffer.from(lcov), "lcov.info").files;
    const files = [
      { filename: "Lib/email/x.py", status: "modified" as const, additions: 2, deletions: 0, changes: 2, patch: "@@ -0,0 +1,2 @@\n+a\n+b" },
      { filename: "Lib/email/y.py", status: "modified" as const, additions: 1, deletions: 0, changes: 1, patch: "@@ -0,0 +1 @@\n+a" },
      { filename: "README.md", status: "modified" as const, additions: 1, deletions: 0, changes: 1, patch: "@@ -0,0 +1 @@\n+a" },
    ];
    const unmatched = judgeCoverage({ ...facts("py.lcov.info"), head, base: null, prFiles: files });
    expect(unmatched).toMatchObject({ outcome: "neutral", title: "Fix the report's paths: none of the 2 changed source files are in it" });
    expect("summary" in unmatched && unmatched.summary).toContain("`Lib/email/x.py`, `Lib/email/y.py`. Map the report's paths");
    const fixed = judgeCoverage({ ...facts("py.lcov.info"), head, base: null, prFiles: files, config: { ...config, paths: ["/usr/lib/python3.11/::Lib/"] } });
    expect(fixed).toMatchObject({ outcome: "fail", title: "Cover 1 more changed line in Lib/email/x.py (patch 66.7%, target 80%)" });
  });

  it.each([
    ["{}", "{}", "no file"],
    ["an empty Cobertura", '<?xml version="1.0"?><coverage line-rate="0" version="6.5"><sources><source>/src</source></sources><packages/></coverage>', "no file"],
    ["an empty Clover", '<?xml version="1.0"?><coverage generated="1" clover="3.2.0"><project timestamp="1"><metrics statements="0"/></project></coverage>', "no file"],
    ["a total-only summary", '{"total":{"lines":{"total":0,"covered":0,"skipped":0,"pct":"Unknown"}}}', "no file"],
    ["a functions-only LCOV", "TN:\nSF:src/a.js\nFN:1,f\nFNDA:0,f\nFNF:1\nFNH:0\nend_of_record\n", "1 file but not one coverable line"],
  ])("is neutral with the reason on %s", (_label, text, listed) => {
    const head = parseReport(Buffer.from(text), "report").files;
    const result = judgeCoverage({ ...facts("js.lcov.info"), head });
    expect(result).toMatchObject({ outcome: "neutral", title: "Fix the coverage report: it has no line data" });
    expect("summary" in result && result.summary).toContain(`lists ${listed}`);
  });

  it("counts a pure rename as zero changed lines, not as a file GitHub sent no diff for", () => {
    const rename = { filename: "js/src/cart2.js", previousFilename: "js/src/cart.js", status: "renamed" as const, additions: 0, deletions: 0, changes: 0 };
    const head = new Map([...parseReport(fixture("head/js.lcov.info"), "lcov").files].map(([path, file]) => [path === "src/cart.js" ? "src/cart2.js" : path, file]));
    const result = judgeCoverage({ ...facts("js.lcov.info"), head, prFiles: [rename] });
    expect(result).toMatchObject({ outcome: "pass", title: expect.stringMatching(/^Patch n\/a/) });
    expect("summary" in result && result.summary).not.toContain("GitHub sent no diff");
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
