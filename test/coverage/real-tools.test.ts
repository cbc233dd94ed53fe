import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { CliContext } from "../../src/cli/context.js";
import { runCli } from "../../src/cli/main.js";
import { indexPaths } from "../../src/coverage/match-paths.js";
import { combineReports, fileTotals, percent, sumTotals } from "../../src/coverage/model.js";
import { parseReport } from "../../src/coverage/parse-report.js";
import { patchCoverage } from "../../src/coverage/patch-coverage.js";
import { parseEnv } from "../../src/env.js";
import { prFilesFromGitDiff } from "./pr-files.js";

// Reports written here by the real tools (test/fixtures/coverage/real/*/README.md names each
// tool, version and command, and keeps the tool's own summary beside the report). Every figure
// below is the producing tool's own, copied from that summary, not from Shipshape's output.
const path = (name: string) => new URL(`../fixtures/coverage/real/${name}`, import.meta.url).pathname;
const bytes = (name: string) => readFileSync(path(name));

/** Reports read as the check reads an artifact's files: each parsed, then merged in order. */
function read(...names: string[]) {
  let merged = null;
  for (const name of names) merged = combineReports(merged, parseReport(bytes(name), name));
  return merged!;
}
const totals = (...names: string[]) => sumTotals([...read(...names).files.values()].map(fileTotals));

async function cliJson(...names: string[]) {
  const out: string[] = [];
  const context: CliContext = { out: (line) => void out.push(line), err: (line) => void out.push(line), env: parseEnv({}), interactive: false, db: async () => { throw new Error("offline: no store") } };
  const code = await runCli(["coverage", "read", ...names.map(path), "--format", "json"], context);
  expect(code).toBe(0);
  return JSON.parse(out.join("\n")) as { format: string[]; total: { covered: number; coverable: number; partial: number; percent: number } };
}

// [fixture, format, the tool's lines (total, covered), branches (total, covered), partial lines]
// lcov --summary: 33 of 35 lines, 28 of 44 branches (lcov-summary.txt, multi-record-summary.txt);
// gcovr: TOTAL 35 / 33 lines, 44 / 28 branches (gcovr-lines.txt, gcovr-branches.txt);
// coverage report: 21 statements, 5 missed, 12 branches, 2 partial (coverage-report.txt);
// c8 / nyc: LF/LH and BRF/BRH of lcov.info, Clover's <metrics> (the text tables say 100% lines).
// JaCoCo: the report's own <counter type="LINE" missed="5" covered="39"/> and BRANCH 18 / 35
// (report-counters.txt, jacoco.csv); partial lines are those with mb > 0 and cb > 0.
// PHPUnit 9.6 + PCOV: --coverage-text "Lines: 85.71% (30/35)" (phpunit-text.txt); PCOV has no branch data.
const REAL: Array<[string, string, [number, number], [number, number], number]> = [
  ["c/lcov.info", "lcov", [35, 33], [44, 28], 11],
  ["c/multi-record.info", "lcov", [35, 33], [44, 28], 11],
  ["c/cobertura.xml", "cobertura", [35, 33], [44, 28], 11],
  ["python/coverage.xml", "cobertura", [21, 16], [12, 8], 2],
  ["js/c8/lcov.info", "lcov", [17, 17], [10, 8], 2],
  ["js/c8/clover.xml", "clover", [17, 17], [10, 8], 2],
  ["js/c8/coverage-final.json", "istanbul", [17, 17], [10, 8], 2],
  ["js/nyc/lcov.info", "lcov", [9, 9], [6, 4], 2],
  ["js/nyc/clover.xml", "clover", [9, 9], [6, 4], 2],
  ["js/nyc/coverage-final.json", "istanbul", [9, 9], [6, 4], 2],
  ["java/jacoco.xml", "jacoco", [44, 39], [53, 35], 15],
  ["php/clover.xml", "clover", [35, 30], [0, 0], 0],
  ["php/cobertura.xml", "cobertura", [35, 30], [0, 0], 0],
];

describe("reports made here by the real tools: Shipshape's totals are the tool's own", () => {
  it.each(REAL)("%s (%s): lines and branches as the tool counts them", (name, format, [lines, covered], [branches, taken], partial) => {
    expect(read(name).formats).toEqual([format]);
    expect(totals(name)).toEqual({ linesTotal: lines, linesCovered: covered, linesPartial: partial, branchesTotal: branches, branchesCovered: taken });
  });

  it.each(REAL)("%s through `shipshape coverage read --format json`: the same totals, partial lines counted as misses", async (name, format, [lines, covered], _branches, partial) => {
    const json = await cliJson(name);
    expect(json.format).toEqual([format]);
    expect(json.total).toEqual({ covered: covered - partial, coverable: lines, partial, percent: Math.round((10000 * (covered - partial)) / lines) / 100 });
  });

  it("the Codecov rule: a partial line is a miss under partials: miss and a hit under partials: hit", () => {
    const c = totals("c/lcov.info");
    // lcov says 94.3% of lines; 11 of the 33 ran with a branch never taken, so Codecov's figure is 22/35.
    expect(percent(c, "hit")).toBeCloseTo((100 * 33) / 35, 10);
    expect(percent(c, "miss")).toBeCloseTo((100 * 22) / 35, 10);
    // coverage.py's own "Cover 73%" weighs branches in ((16 + 8) / (21 + 12)); the line figures are 16/21 and, as Codecov, 14/21.
    const py = totals("python/coverage.xml");
    expect([percent(py, "hit"), percent(py, "miss")]).toEqual([(100 * 16) / 21, (100 * 14) / 21]);
  });

  it("JaCoCo: the totals are the report's own LINE and BRANCH counters and its CSV's, partial lines are mb > 0 and cb > 0", () => {
    const xml = bytes("java/jacoco.xml").toString("utf8");
    // The report-level counters are the last ones in the file, after the last </package>.
    const counter = (type: string) => {
      const found = [...xml.slice(xml.lastIndexOf("</package>")).matchAll(new RegExp(`<counter type="${type}" missed="(\\d+)" covered="(\\d+)"/>`, "g"))];
      expect(found.length).toBe(1);
      return found[0]!.slice(1).map(Number);
    };
    const [lineMissed, lineCovered] = counter("LINE");
    const [branchMissed, branchCovered] = counter("BRANCH");
    const csv = bytes("java/jacoco.csv").toString("utf8").trim().split("\n").slice(1).map((row) => row.split(","));
    const column = (index: number) => csv.reduce((sum, row) => sum + Number(row[index]), 0);
    expect([column(7), column(8), column(5), column(6)]).toEqual([lineMissed, lineCovered, branchMissed, branchCovered]);
    const partial = [...xml.matchAll(/<line nr="\d+" mi="\d+" ci="\d+" mb="(\d+)" cb="(\d+)"\/>/g)].filter((m) => Number(m[1]) > 0 && Number(m[2]) > 0).length;
    expect(totals("java/jacoco.xml")).toEqual({ linesTotal: lineMissed! + lineCovered!, linesCovered: lineCovered, linesPartial: partial, branchesTotal: branchMissed! + branchCovered!, branchesCovered: branchCovered });
    // Files keep their package paths (matched to src/main/java/... by suffix).
    const files = read("java/jacoco.xml").files;
    expect([...files.keys()].sort()).toEqual(["com/acme/Main.java", "com/acme/pricing/Discount.java", "com/acme/pricing/Tax.java", "com/acme/text/Slug.java"]);
    // Tax.java line 11 (`else if ("FR".equals(country) || "IT".equals(country))`): 1 of 4 branches taken.
    const tax = files.get("com/acme/pricing/Tax.java")!;
    expect([tax.hits.get(11), tax.lineBranches?.get(11)]).toEqual([1, { covered: 1, total: 4 }]);
  });

  it("PHPUnit: each class's lines are --coverage-text's, and Clover's method entries are not lines", () => {
    const text = bytes("php/phpunit-text.txt").toString("utf8");
    const summary = /Summary:[\s\S]*?Lines:\s+[\d.]+% \((\d+)\/(\d+)\)/.exec(text)!;
    const perClass = [...text.matchAll(/^Acme\\(\w+)\s*\n.*Lines:\s+[\d.]+% \(\s*(\d+)\/\s*(\d+)\)/gm)].map((m) => [`${m[1]}.php`, Number(m[2]), Number(m[3])]);
    expect(perClass).toEqual([["Discount.php", 12, 14], ["Slug.php", 18, 21]]);
    for (const name of ["php/clover.xml", "php/cobertura.xml"]) {
      expect(totals(name)).toMatchObject({ linesCovered: Number(summary[1]), linesTotal: Number(summary[2]) });
      const files = [...read(name).files.values()].map((file) => [file.path.slice(file.path.lastIndexOf("/") + 1), fileTotals(file).linesCovered, fileTotals(file).linesTotal]);
      expect(files).toEqual(perClass);
    }
    // PHPUnit's Clover writes `<line num="10" type="method" … count="2"/>` for apply()'s signature line:
    // a method entry, not a statement (its <metrics statements="14"> leaves it out), so not a line.
    expect(bytes("php/clover.xml").toString("utf8")).toContain('<line num="10" type="method" name="apply"');
    const discount = [...read("php/clover.xml").files.values()].find((file) => file.path.endsWith("/src/Discount.php"))!;
    expect([discount.hits.get(10), discount.hits.get(12), discount.hits.get(13)]).toEqual([-1, 2, 0]); // -1: not a coverable line
  });

  it("gcov's several records of one file (one per test binary) add up instead of resetting the branch count", () => {
    const record = (text: string) => text.split("end_of_record\n").filter((r) => r.includes("SF:parse.c"));
    // Both files hold parse.c twice, as lcov wrote them.
    expect(record(bytes("c/lcov.info").toString()).length).toBe(2);
    expect(record(bytes("c/multi-record.info").toString()).length).toBe(2);
    const parse = read("c/multi-record.info").files.get("parse.c")!;
    // gcovr's parse.c row: 26 lines, 24 run, 28 branches, 20 taken.
    expect(fileTotals(parse)).toMatchObject({ linesTotal: 26, linesCovered: 24, branchesTotal: 28, branchesCovered: 20 });
    // Line 36 (`if (n >= cap) return 0;`) ran in the string test only; its return never ran.
    expect([parse.hits.get(36), parse.lineBranches?.get(36)]).toEqual([8, { covered: 1, total: 2 }]);
  });

  it("a double upload of one report does not double its branches or lines", () => {
    for (const name of ["c/lcov.info", "c/cobertura.xml", "js/c8/clover.xml", "python/coverage.xml"]) {
      expect(totals(name, name)).toEqual(totals(name));
    }
    // The same run written twice in two formats (c8's LCOV and its Clover) is one run too.
    expect(totals("js/c8/lcov.info", "js/c8/clover.xml")).toMatchObject({ linesTotal: 17, linesCovered: 17, branchesTotal: 10, branchesCovered: 8 });
  });

  it("istanbul's Clover truecount/falsecount are a line's taken and untaken branches", () => {
    // istanbul's clover reporter writes per line truecount = branches taken, falsecount = not taken.
    // nyc instruments both arms of line 6's `if (…) throw` and line 14's ternary: 1 taken of 2.
    // c8 (V8 block coverage) records only the arm that never ran: 0 taken of 1. Either way the
    // line ran with a branch not taken, a partial, and the sums are the reporter's <metrics>.
    const branches = (name: string) => [6, 14, 7].map((line) => read(name).files.get("range.js")!.lineBranches?.get(line));
    expect(branches("js/nyc/clover.xml")).toEqual([
      { covered: 1, total: 2 },
      { covered: 1, total: 2 },
      { covered: 2, total: 2 },
    ]);
    expect(branches("js/c8/clover.xml")).toEqual([
      { covered: 0, total: 1 },
      { covered: 0, total: 1 },
      { covered: 2, total: 2 },
    ]);
  });

  it("Go: lines, not statements, and a block's lone closing brace is not a line", () => {
    // go tool cover -func: total (statements) 63.6% = 7 of 11 statements. Shipshape counts the
    // lines the blocks span (as Codecov): 19, 12 of them run; Double's and Half's blocks end on
    // their lone `}` (lines 28 and 33, end column 2), which are not counted.
    const go = read("go/cover.out");
    const file = go.files.get("example.com/clamp/clamp.go")!;
    expect(fileTotals(file)).toMatchObject({ linesTotal: 19, linesCovered: 12 });
    expect([file.hits.get(27), file.hits.get(28), file.hits.get(32), file.hits.get(33)]).toEqual([1, -1, 0, -1]); // -1: not a coverable line
    // A nested `if`'s `\t}` ends at column 3: Codecov counts it, and so does Shipshape (line 7, never run).
    expect(file.hits.get(7)).toBe(0);
  });

  it("coverage.py 6.5's own LCOV writer lists one line more than its LF and its report: read as written", () => {
    // DA lines of slug.py: 19, LF:18. Its BRDA records name the arc's destination line, not the
    // branching line, so no partial line can be told from it: the Cobertura of the same run has them.
    expect(totals("python/coverage.lcov")).toEqual({ linesTotal: 22, linesCovered: 17, linesPartial: 0, branchesTotal: 12, branchesCovered: 8 });
  });
});

describe("the cJSON case: a security patch whose new error paths never ran", () => {
  // patch.diff adds two bounds checks and tightens one condition in parse.c (lines 15, 28 and 36);
  // the tests run each of those lines but never take the error path: all three are partial.
  const prFiles = prFilesFromGitDiff(bytes("c/patch.diff").toString("utf8"));
  const head = read("c/lcov.info").files;
  const patch = (partials: "hit" | "miss") => patchCoverage({ prFiles, headFiles: head, index: indexPaths(head.keys()), isIgnored: () => false, partials });

  it("is 3 of 3 changed lines with partials: hit and 0 of 3 with partials: miss, Codecov's rule", () => {
    expect(prFiles.map((file) => file.filename)).toEqual(["parse.c"]);
    expect(patch("hit")).toMatchObject({ coverable: 3, covered: 3, partial: 3 });
    expect(patch("miss")).toMatchObject({ coverable: 3, covered: 0, partial: 3 });
  });
});
