import type { RuleResult } from "../model/checks.js";
import { code } from "../lib/markdown-text.js";
import type { CoverageFacts, CoverageFigures } from "./judge-coverage.js";
import { fmt, round1, short, signed } from "./figure-format.js";
import { componentsTable } from "./component-figures.js";

/** Most changed files listed in the comment's table; the rest are counted. */
export const COMMENT_MAX_FILES = 50;

/**
 * The PR comment of `coverage.comment` (ADR 0035): the check's title as its first line (what to
 * do), then both figures with their targets, the base SHA, and a table of the changed files with
 * their patch figure and their whole-file coverage against the base. Deterministic for the same
 * facts, so an event that changes nothing edits nothing.
 */
export function coverageCommentBody(params: { facts: CoverageFacts; figures: CoverageFigures; result: Exclude<RuleResult, { outcome: "silent" }> }): string {
  const { facts, figures, result } = params;
  const { config } = facts;
  const verdict = result.outcome === "pass" ? "passes" : result.outcome === "fail" ? "fails" : "does not block (neutral)";
  const base = facts.base ? `${short(facts.base.sha)} (${facts.base.how === "base-sha" ? "the PR's base commit" : "the newest ancestor on the base branch with a report"})` : "none found";
  const patchTarget =
    figures.target === null ? "auto: no base report" : `${fmt(figures.target)}%${config.patch.target === "auto" ? " (auto)" : ""}${(config.patch.threshold ?? 0) > 0 ? `, threshold ${fmt(config.patch.threshold ?? 0)} pts` : ""}`;
  const patchValue = figures.patchPct === null ? "n/a (no coverable changed lines)" : `${fmt(figures.patchPct)}% (${figures.patch.covered} of ${figures.patch.coverable} changed lines)`;
  const patchState = figures.patchPct === null || figures.target === null ? "not judged" : figures.patchMiss ? `misses: cover ${figures.linesToCover} more` : "holds";
  const projectValue = figures.headPct === null ? "n/a" : `${fmt(round1(figures.headPct))}%${figures.delta === null ? "" : ` (${signed(figures.delta)} pts vs ${fmt(round1(figures.basePct ?? 0))}%)`}`;
  const projectState = figures.delta === null ? "not judged: no base" : figures.projectMiss ? "misses" : "holds";
  const lines = [
    `**${result.title}**`,
    "",
    `Coverage of ${short(facts.headSha)} ${verdict}. Base: ${base}.`,
    "",
    "| Figure | Value | Target | Verdict |",
    "|---|---|---|---|",
    `| Patch | ${patchValue} | ${patchTarget} | ${patchState}${config.patch.informational ? " (informational)" : ""} |`,
    `| Project | ${projectValue} | drop at most ${fmt(figures.allowedDrop)} pts | ${projectState}${config.project.informational ? " (informational)" : ""} |`,
  ];
  if (figures.components && figures.components.length > 0) lines.push("", "### Components", "", ...componentsTable(figures.components));
  const files = [...figures.files].sort((a, b) => b.uncovered - a.uncovered || a.path.localeCompare(b.path));
  if (files.length > 0) {
    lines.push("", "### Changed files", "", "| File | Patch | Uncovered changed lines | File coverage | vs base |", "|---|---:|---:|---:|---:|");
    for (const file of files.slice(0, COMMENT_MAX_FILES)) {
      const patchPct = fmt(round1((100 * (file.coverable - file.uncovered)) / file.coverable));
      const head = file.headPct === null ? "n/a" : `${fmt(round1(file.headPct))}%`;
      const delta = file.headPct === null || file.basePct === null ? "new" : `${signed(round1(round1(file.headPct) - round1(file.basePct)))} pts`;
      // A pipe splits a table cell even inside code.
      lines.push(`| ${code(file.path).replaceAll("|", "\\|")} | ${patchPct}% | ${file.uncovered} | ${head} | ${delta} |`);
    }
    if (files.length > COMMENT_MAX_FILES) lines.push("", `…and ${files.length - COMMENT_MAX_FILES} more changed files; the check run lists the ones with the most uncovered lines.`);
  }
  lines.push("", "<sub>Edited in place on every push; set `coverage.comment` in .github/shipshape.yml to `off`, `on-failure` or `always`.</sub>");
  return lines.join("\n");
}
