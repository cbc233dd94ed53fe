import type { Annotation, RuleResult } from "../model/checks.js";
import { ignoreMatcher } from "./ignore-matcher.js";
import { indexPaths } from "./match-paths.js";
import { branchPercent, fileTotals, percent, sumTotals } from "./model.js";
import { pathFixes } from "./path-fixes.js";
import { type FileCoverage, type Totals } from "../model/coverage-report.js";
import { patchCoverage, type PatchCoverage } from "./patch-coverage.js";
import { code, escapeMarkdown } from "../lib/markdown-text.js";
import { fmt, round1, short, signed } from "./figure-format.js";
import { componentFacts, componentMisses, componentsTable } from "./component-figures.js";
import type { ComponentFigures, CoverageFacts, CoverageFigures } from "./coverage-facts.js";
import type { CoverageComponent } from "./component-prefixes.js";

export type { ComponentFigures, CoverageFacts, CoverageFigures, RunsFacts } from "./coverage-facts.js";

/** The run name recorded when CI finished for a commit and no workflow ran for it (check_suite.completed). */
export const NO_WORKFLOW_RAN = "no workflow ran";

/** The coverage rule: pending while runs are out, neutral without a report, else both figures judged. */
export function judgeCoverage(facts: CoverageFacts): RuleResult {
  return judgeCoverageWithFigures(facts).result;
}

/** What to conclude before any figure: waiting for runs, no report, or a report without line data. */
function beforeFigures(facts: CoverageFacts): RuleResult | undefined {
  const { runs, config } = facts;
  if (runs.pending > 0) {
    const n = runs.pending;
    return {
      outcome: "pending",
      title: `Waiting for ${n} more workflow run${n === 1 ? "" : "s"}`,
      summary: `Coverage of ${short(facts.headSha)} is judged once every workflow run of the commit has finished and its reports are merged, so a partial upload never shows a phantom drop.`,
    };
  }
  if (!facts.head) {
    if (runs.errors.length > 0) {
      return {
        outcome: "neutral",
        title: "Fix the coverage report: it could not be read",
        summary: `No usable coverage report for ${short(facts.headSha)}:\n\n${runs.errors.map((error) => `- ${escapeMarkdown(error)}`).join("\n")}`,
      };
    }
    if (runs.withoutArtifact.length === 0) return { outcome: "silent" };
    const finished = runs.withoutArtifact.filter((run) => run !== NO_WORKFLOW_RAN);
    const why =
      finished.length === 0
        ? `CI finished for ${short(facts.headSha)} and no workflow ran for it (path filters left every workflow out), so there is no report matching ${code(config.artifact)}.`
        : `No workflow run of ${short(facts.headSha)} produced an artifact matching ${code(config.artifact)} (finished: ${finished.map(escapeMarkdown).join(", ")}).`;
    if (config.if_no_report === "success") {
      return {
        outcome: "pass",
        title: "No coverage report for this commit: nothing to judge",
        summary: `${why} With \`coverage.if_no_report: success\` a commit whose CI produced no coverage (path filters, docs-only changes) passes. If this commit should have coverage, upload the report with actions/upload-artifact as ${code(config.artifact)}.`,
      };
    }
    return {
      outcome: "neutral",
      title: `Upload an artifact named "${config.artifact}" to judge coverage`,
      summary:
        `${why} Upload the report with actions/upload-artifact, ` +
        "or POST it to Shipshape's coverage API, or set `coverage.artifact` in .github/shipshape.yml. " +
        "Commits whose CI rightly produces no coverage (path filters, docs-only changes) can pass instead with `coverage.if_no_report: success`.",
    };
  }
  if (!hasLineData(facts.head)) {
    const files = facts.head.size;
    return {
      outcome: "neutral",
      title: "Fix the coverage report: it has no line data",
      summary:
        `The report for ${short(facts.headSha)} lists ${files === 0 ? "no file" : `${files} file${files === 1 ? "" : "s"} but not one coverable line`}, so there is nothing to judge. ` +
        "Reports like this are an empty `{}`, a Cobertura or Clover file without classes, an Istanbul summary with only its total, or an LCOV file with function records only. " +
        "Check the test command writes line coverage (`shipshape coverage read FILE` shows what Shipshape reads).",
    };
  }
  return undefined;
}

/** False for a report with no coverable line: it is judged neutral before the PR's files are needed. */
export function hasLineData(files: ReadonlyMap<string, FileCoverage>): boolean {
  for (const file of files.values()) if (file.hits.size > 0 || (file.summary?.linesTotal ?? 0) > 0) return true;
  return false;
}

/** The report's entries under their `coverage.paths` fixes (the same map when there are none). */
function fixedPaths<T>(files: ReadonlyMap<string, T>, fixes: readonly string[] | undefined): ReadonlyMap<string, T> {
  const fix = pathFixes(fixes ?? []);
  if (!fix) return files;
  const fixed = new Map<string, T>();
  for (const [path, file] of files) {
    const to = fix(path);
    fixed.set(to, to === path ? file : ({ ...file, path: to } as T));
  }
  return fixed;
}

/** The rule and the figures it judged on (for the PR comment), or no figures when nothing was judged. */
export function judgeCoverageWithFigures(facts: CoverageFacts): { result: RuleResult; figures: CoverageFigures | null } {
  const early = beforeFigures(facts);
  if (early || !facts.head) return { result: early ?? { outcome: "silent" }, figures: null };
  const { paths } = facts.config;
  const fixed = { ...facts, head: fixedPaths(facts.head, paths), base: facts.base && { ...facts.base, files: fixedPaths(facts.base.files, paths) } };
  const figures = coverageFigures(fixed);
  if (figures.patch.matched === 0 && figures.patch.unmatched.length > 0) return { result: noFileMatched(fixed, figures.patch.unmatched), figures: null };
  const components = facts.config.components ?? [];
  if (components.length > 0) figures.components = components.map((component) => judgeComponent(fixed, component));
  return { result: judgeFigures(fixed, figures), figures };
}

/** One component's figures by its own targets (its files only), and whether it fails the check. */
function judgeComponent(facts: CoverageFacts & { head: ReadonlyMap<string, FileCoverage> }, component: CoverageComponent): ComponentFigures {
  const narrowed = componentFacts(facts, component);
  const figures = coverageFigures(narrowed);
  const patchInformational = narrowed.config.patch.informational ?? false;
  const projectInformational = narrowed.config.project.informational ?? false;
  return { name: component.name, figures, patchInformational, projectInformational, fails: (figures.patchMiss && !patchInformational) || (figures.projectMiss && !projectInformational) };
}

/** Patch and project figures, the target in force, and whether each misses. */
export function coverageFigures(facts: CoverageFacts & { head: ReadonlyMap<string, FileCoverage> }): CoverageFigures {
  const { config } = facts;
  const partials = config.partials ?? "miss";
  const isIgnored = ignoreMatcher(config.ignore);
  const headIndex = indexPaths(facts.head.keys());
  const patch = patchCoverage({ prFiles: facts.prFiles, headFiles: facts.head, index: headIndex, isIgnored, partials });
  const headTotals = sumTotals([...facts.head.values()].filter((file) => !isIgnored(file.path)).map(fileTotals));
  const headPct = percent(headTotals, partials);
  const patchPct = patch.coverable === 0 ? null : round1((100 * patch.covered) / patch.coverable);
  let basePct: number | null = null;
  if (facts.base) {
    basePct = percent(sumTotals([...facts.base.files].filter(([path]) => !isIgnored(path)).map(([, totals]) => totals)), partials);
  }
  // Judged on the figures as shown (one decimal), so what a reader sees always agrees with the verdict.
  const delta = headPct !== null && basePct !== null ? round1(round1(headPct) - round1(basePct)) : null;
  const target = config.patch.target === "auto" ? (basePct === null ? null : round1(basePct)) : config.patch.target;
  const passMark = target === null ? null : Math.max(0, round1(target - (config.patch.threshold ?? 0)));
  const patchMiss = patchPct !== null && passMark !== null && patchPct < passMark;
  const allowedDrop = config.project.threshold ?? config.project.max_drop;
  const projectMiss = delta !== null && -delta > allowedDrop;

  const baseIndex = facts.base ? indexPaths(facts.base.files.keys()) : null;
  const previous = new Map(facts.prFiles.map((file) => [file.filename, file.previousFilename ?? file.filename]));
  const files = patch.files.map((file) => {
    const headPath = headIndex.find(file.path);
    const headFile = headPath === undefined ? undefined : facts.head.get(headPath);
    const basePath = baseIndex?.find(previous.get(file.path) ?? file.path);
    const baseTotals = basePath === undefined ? undefined : facts.base?.files.get(basePath);
    return { ...file, headPct: headFile ? percent(fileTotals(headFile), partials) : null, basePct: baseTotals ? percent(baseTotals, partials) : null };
  });
  return { patch, patchPct, target, headPct, basePct, delta, allowedDrop, headTotals, linesToCover: patchMiss && passMark !== null ? linesToTarget(patch, passMark) : 0, patchMiss, projectMiss, files };
}

function judgeFigures(facts: CoverageFacts & { head: ReadonlyMap<string, FileCoverage> }, figures = coverageFigures(facts)): RuleResult {
  const { config } = facts;
  const { patch, patchPct, target, headPct, basePct, delta, allowedDrop, patchMiss, projectMiss } = figures;
  const patchFails = patchMiss && !config.patch.informational;
  const projectFails = projectMiss && !config.project.informational;
  const threshold = config.patch.threshold ?? 0;
  const targetText = target === null ? "target auto: no base" : `target ${fmt(target)}%${config.patch.target === "auto" ? " (auto)" : ""}`;

  const patchText = patchPct === null ? "Patch n/a (no coverable changed lines)" : `Patch ${fmt(patchPct)}% (${targetText})`;
  const projectText =
    headPct === null ? "project n/a" : `project ${fmt(round1(headPct))}% (${delta === null ? "base unknown" : `${signed(delta)} pts vs base ${short(facts.base!.sha)}`})`;
  const misses = [
    ...(patchMiss && patchPct !== null && target !== null ? [`${coverTitle(figures)} (patch ${fmt(patchPct)}%, target ${fmt(target)}%${threshold > 0 ? ` − ${fmt(threshold)}` : ""})${config.patch.informational ? ", informational" : ""}`] : []),
    ...(projectMiss && delta !== null ? [`${patchMiss ? "project" : "Project"} dropped ${fmt(-delta)} pts; allowed ${fmt(allowedDrop)}${config.project.informational ? ", informational" : ""}`] : []),
  ];
  const components = figures.components ?? [];
  misses.push(...componentMisses(components, coverTitle));
  const componentNeutral = components.some((component) => !component.fails && (component.figures.patchMiss || component.figures.projectMiss));
  const autoUnjudged = patchPct !== null && target === null;
  const title = misses.length > 0 ? misses.join(" · ") : autoUnjudged ? "Upload coverage for the base branch to judge the patch against auto" : `${patchText} · ${projectText}`;
  const summary = [
    patchPct === null
      ? "The PR changes no line the report marks as coverable."
      : target === null
        ? `**Patch:** ${patch.covered} of ${patch.coverable} changed coverable lines are covered (${fmt(patchPct)}%). It is not judged: \`patch.target: auto\` takes the base's project coverage as the target, and no report was found for the base commit or any ancestor on the base branch. Upload coverage on pushes to the base branch.`
        : `**Patch:** ${patch.covered} of ${patch.coverable} changed coverable lines are covered (${fmt(patchPct)}%); the target is ${fmt(target)}%${config.patch.target === "auto" ? " (auto: the base's project coverage)" : ""}${threshold > 0 ? `, with ${fmt(threshold)} pts of threshold` : ""}.${patchMiss ? ` Cover ${figures.linesToCover} more to pass.` : ""}${patchMiss && config.patch.informational ? " The patch figure is informational: it never fails the check." : ""}`,
    baseSentence(facts, headPct, basePct, delta, allowedDrop) + (projectMiss && config.project.informational ? " The project figure is informational: it never fails the check." : ""),
    ...(components.length > 0 ? [["**Components**, each judged by its own targets (the check fails when one fails):", "", ...componentsTable(components)].join("\n")] : []),
    ...branchSentence(figures.headTotals, patch.partial, config.partials ?? "miss"),
    ...(facts.headFormats?.includes("go") ? [GO_LINES] : []),
    ...unmatchedSentence(patch.unmatched),
    ...(patch.notJudged.length > 0 ? [`GitHub sent no diff for ${patch.notJudged.length} file(s), so they were not judged line by line: ${patch.notJudged.slice(0, 10).map(code).join(", ")}${patch.notJudged.length > 10 ? ", …" : ""}.`] : []),
  ].join("\n\n");
  const outcome = patchFails || projectFails || components.some((component) => component.fails) ? "fail" : patchMiss || projectMiss || autoUnjudged || componentNeutral ? "neutral" : "pass";
  const text = filesTable(patch);
  const notes = annotations(patch, config.annotations);
  return { outcome, title, summary, ...(text === undefined ? {} : { text }), ...(notes === undefined ? {} : { annotations: notes }) };
}

/** Why a Go figure differs from `go test -cover`'s: one line, said wherever a Go profile was read. */
export const GO_LINES =
  "**Go counts lines here, not statements:** `go test -cover` prints the share of statements, Shipshape (like Codecov) the share of lines, so the two percentages differ; a block's lone closing `}` is not counted.";

/** "Cover 6 more changed lines in src/pricing.js": the file with the most uncovered changed lines. */
function coverTitle(figures: CoverageFigures): string {
  const n = figures.linesToCover;
  const worst = [...figures.patch.files].sort((a, b) => b.uncovered - a.uncovered || a.path.localeCompare(b.path));
  const first = worst[0];
  const others = worst.filter((file) => file.uncovered > 0).length - 1;
  const lines = `Cover ${n} more changed line${n === 1 ? "" : "s"}`;
  if (!first) return lines;
  if (first.uncovered >= n || others === 0) return `${lines} in ${first.path}`;
  return `${lines} in ${first.path} and ${others} other file${others === 1 ? "" : "s"}`;
}

/** Where no changed source file is in the report, the figures would judge nothing: say which and how to fix it. */
function noFileMatched(facts: CoverageFacts, unmatched: readonly string[]): RuleResult {
  const n = unmatched.length;
  return {
    outcome: "neutral",
    title: `Fix the report's paths: none of the ${n} changed source file${n === 1 ? " is" : "s are"} in it`,
    summary:
      `The report for ${short(facts.headSha)} has ${facts.head?.size ?? 0} file(s), but none under the paths this PR changes, so patch coverage cannot be judged: ` +
      `${listed(unmatched)}. Map the report's paths to the repository's with \`coverage.paths\` in .github/shipshape.yml ` +
      '(e.g. `paths: ["/usr/lib/python3.11/::Lib/"]`), or run `shipshape coverage read FILE` to see the paths the report holds.',
  };
}

function unmatchedSentence(unmatched: readonly string[]): string[] {
  if (unmatched.length === 0) return [];
  return [`**Not in the report:** ${unmatched.length} changed source file(s), so their lines were not judged: ${listed(unmatched)}. If the report names them differently, add a \`coverage.paths\` fix; if they are not meant to be measured, list them in \`coverage.ignore\`.`];
}

/** The branch figure beside the line figure, where the report has branch data. */
function branchSentence(totals: Totals, patchPartial: number, partials: "miss" | "hit"): string[] {
  const pct = branchPercent(totals);
  if (pct === null) return [];
  const rule = partials === "miss" ? "counted as not covered (`coverage.partials: miss`, Codecov's rule)" : "counted as covered (`coverage.partials: hit`)";
  const partial = totals.linesPartial > 0 ? ` ${totals.linesPartial} line(s) ran with a branch not taken${patchPartial > 0 ? ` (${patchPartial} of them changed in this PR)` : ""}; they are ${rule}.` : "";
  return [`**Branches:** ${totals.branchesCovered} of ${totals.branchesTotal} taken (${fmt(round1(pct))}%).${partial}`];
}

function listed(paths: readonly string[]): string {
  return `${paths.slice(0, 10).map(code).join(", ")}${paths.length > 10 ? `, and ${paths.length - 10} more` : ""}`;
}

function baseSentence(facts: CoverageFacts, headPct: number | null, basePct: number | null, delta: number | null, maxDrop: number): string {
  if (!facts.base || delta === null || headPct === null || basePct === null) {
    return `**Project:** ${headPct === null ? "n/a" : `${fmt(round1(headPct))}%`}; the project delta is unknown: no coverage report was found for the base ${facts.base ? "" : "commit or any ancestor on the base branch "}to compare with. A missing base never fails the check.`;
  }
  const how = facts.base.how === "base-sha" ? "the PR's base commit" : "the newest ancestor on the base branch with a report (the base commit itself has none)";
  return `**Project:** ${fmt(round1(headPct))}% at ${short(facts.headSha)} vs ${fmt(round1(basePct))}% at ${short(facts.base.sha)}, ${how}: ${signed(delta)} pts; the allowed drop is ${fmt(maxDrop)} pts.`;
}

function filesTable(patch: PatchCoverage): string | undefined {
  const worst = patch.files.filter((file) => file.uncovered > 0).sort((a, b) => b.uncovered - a.uncovered || a.path.localeCompare(b.path)).slice(0, 15);
  if (worst.length === 0) return undefined;
  // A pipe splits a table cell even inside code.
  const rows = worst.map((file) => `| ${code(file.path).replaceAll("|", "\\|")} | ${file.uncovered} | ${file.coverable} | ${fmt(round1((100 * (file.coverable - file.uncovered)) / file.coverable))}% |`);
  return ["### Files with the most uncovered changed lines", "", "| File | Uncovered | Changed coverable | Patch |", "|---|---:|---:|---:|", ...rows].join("\n");
}

function annotations(patch: PatchCoverage, max: number): Annotation[] | undefined {
  if (patch.uncovered.length === 0 || max === 0) return undefined;
  return patch.uncovered.slice(0, max).map((range) => ({
    path: range.path,
    start_line: range.start,
    end_line: range.end,
    annotation_level: "warning",
    title: range.partial ? "Branch not taken by tests" : "Not covered by tests",
    message: range.partial
      ? range.start === range.end
        ? `Changed line ${range.start} ran, but a branch on it was never taken.`
        : `Changed lines ${range.start}-${range.end} ran, but a branch on each was never taken.`
      : range.start === range.end
        ? `Changed line ${range.start} is not covered by tests.`
        : `Changed lines ${range.start}-${range.end} are not covered by tests.`,
  }));
}

function linesToTarget(patch: PatchCoverage, target: number): number {
  return Math.max(1, Math.ceil((target / 100) * patch.coverable - patch.covered - 1e-9));
}
