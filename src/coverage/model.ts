import { LineHits } from "../model/line-hits.js";
import type { CoverageReport, FileCoverage, LineBranch, Totals } from "../model/coverage-report.js";
import { checkCount, checkLine } from "./limits.js";

export function emptyReport(): CoverageReport {
  return { files: new Map(), formats: [] };
}

/**
 * The entry for `path`, created empty when the report has none yet. With `name` (a parser reading
 * the report so named), a report past `LIMITS.maxFiles` files is refused.
 */
export function fileEntry(report: CoverageReport, path: string, name?: string): FileCoverage {
  let file = report.files.get(path);
  if (!file) {
    if (name !== undefined) checkCount(report.files.size + 1, name);
    file = { path, hits: new LineHits(), branchesTotal: 0, branchesCovered: 0 };
    report.files.set(path, file);
  }
  return file;
}

/**
 * Adds `count` executions to `line` of `file` read from report `name`; several entries for one
 * line (or one file in several reports) add up. A line past `LIMITS.maxLine` is refused.
 */
export function addHits(file: FileCoverage, line: number, count: number, name: string): void {
  checkLine(line, name, file.path);
  file.hits.add(line, count);
}

/** The branch part of a file's coverage. */
export type BranchData = Pick<FileCoverage, "lineBranches" | "branchesTotal" | "branchesCovered">;

/**
 * Adds `covered` of `total` branches to `line` of `file`, within one record of one report (LCOV
 * lists each branch on its own BRDA line). Other records or reports of the file go through
 * `mergeBranches`.
 */
export function addBranches(file: BranchData, line: number, covered: number, total: number): void {
  if (!(line > 0) || total <= 0) return;
  file.lineBranches ??= new Map();
  const current = file.lineBranches.get(line);
  if (current) {
    current.covered += covered;
    current.total += total;
  } else file.lineBranches.set(line, { covered, total });
  file.branchesTotal += total;
  file.branchesCovered += covered;
}

/**
 * Folds the branches of another record or report of the same file into `into`: per line, the
 * most branches any of them lists and the most any of them took. A report uploaded twice keeps
 * its figures (sums would double them); no format but LCOV names its branches, so the union of
 * two runs that took different branches of one line is not knowable, and the larger count is
 * the safe side (see docs/adr/0033-partial-lines-and-branch-counts.md).
 */
export function mergeBranches(into: BranchData, from: Readonly<BranchData>): void {
  if (from.lineBranches && from.lineBranches.size > 0) {
    into.lineBranches ??= new Map();
    for (const [line, branch] of from.lineBranches) {
      const current = into.lineBranches.get(line);
      if (current) {
        current.total = Math.max(current.total, branch.total);
        current.covered = Math.min(current.total, Math.max(current.covered, branch.covered));
      } else into.lineBranches.set(line, { ...branch });
    }
    const sums = branchSums(into.lineBranches);
    into.branchesTotal = sums.total;
    into.branchesCovered = sums.covered;
  } else if (!into.lineBranches || into.lineBranches.size === 0) {
    // Totals without line data (LCOV BRF/BRH alone, Istanbul's summary): the larger, never the sum.
    into.branchesTotal = Math.max(into.branchesTotal, from.branchesTotal);
    into.branchesCovered = Math.max(into.branchesCovered, from.branchesCovered);
  }
}

function branchSums(branches: ReadonlyMap<number, LineBranch>): LineBranch {
  let covered = 0;
  let total = 0;
  for (const branch of branches.values()) {
    covered += branch.covered;
    total += branch.total;
  }
  return { covered, total };
}

/** True when `line` ran but some of its branches did not (Codecov's "partial"). */
export function isPartial(file: FileCoverage, line: number, count: number): boolean {
  if (count <= 0 || !file.lineBranches) return false;
  const branch = file.lineBranches.get(line);
  return branch !== undefined && branch.covered < branch.total;
}

/** Merges `from` into `into` (sums hits, so a line covered by any report is covered). */
export function mergeReports(into: CoverageReport, from: CoverageReport): CoverageReport {
  for (const file of from.files.values()) {
    const target = fileEntry(into, file.path);
    target.hits.addAll(file.hits);
    mergeBranches(target, file);
    // Line data wins over a summary; two summaries of one file cannot be merged, the later is kept.
    if (file.summary && target.hits.size === 0) target.summary = { ...file.summary };
    if (target.hits.size > 0) delete target.summary;
  }
  for (const format of from.formats) if (!into.formats.includes(format)) into.formats.push(format);
  return into;
}

/** `next` merged into `merged`, or `next` itself when there is nothing yet (no copy). */
export function combineReports(merged: CoverageReport | null, next: CoverageReport): CoverageReport {
  return merged ? mergeReports(merged, next) : next;
}

export function fileTotals(file: FileCoverage): Totals {
  if (file.summary && file.hits.size === 0) {
    return { ...file.summary, linesPartial: 0, branchesTotal: file.branchesTotal, branchesCovered: file.branchesCovered };
  }
  let linesCovered = 0;
  let linesPartial = 0;
  const branches = file.lineBranches;
  file.hits.forEach((line, count) => {
    if (count > 0) {
      linesCovered++;
      if (branches !== undefined) {
        const branch = branches.get(line);
        if (branch !== undefined && branch.covered < branch.total) linesPartial++;
      }
    }
  });
  return { linesTotal: file.hits.size, linesCovered, linesPartial, branchesTotal: file.branchesTotal, branchesCovered: file.branchesCovered };
}

export function sumTotals(items: Iterable<Totals>): Totals {
  const sum: Totals = { linesTotal: 0, linesCovered: 0, linesPartial: 0, branchesTotal: 0, branchesCovered: 0 };
  for (const item of items) {
    sum.linesTotal += item.linesTotal;
    sum.linesCovered += item.linesCovered;
    sum.linesPartial += item.linesPartial;
    sum.branchesTotal += item.branchesTotal;
    sum.branchesCovered += item.branchesCovered;
  }
  return sum;
}

/** How a covered line with a branch not taken counts: Codecov's rule (`miss`) or as covered (`hit`). */
export type PartialsRule = "miss" | "hit";

/**
 * Line coverage in percent, or null when nothing is coverable. With `partials: "miss"` a partial
 * line counts as not covered, as Codecov counts it; totals without `linesPartial` (older rows)
 * have none.
 */
export function percent(totals: Pick<Totals, "linesTotal" | "linesCovered"> & { linesPartial?: number }, partials: PartialsRule = "hit"): number | null {
  if (totals.linesTotal === 0) return null;
  const covered = partials === "miss" ? totals.linesCovered - (totals.linesPartial ?? 0) : totals.linesCovered;
  return (100 * covered) / totals.linesTotal;
}

/** Branch coverage in percent, or null when the report has no branch data. */
export function branchPercent(totals: Pick<Totals, "branchesTotal" | "branchesCovered">): number | null {
  return totals.branchesTotal === 0 ? null : (100 * totals.branchesCovered) / totals.branchesTotal;
}
