import { LineHits } from "../model/line-hits.js";
import type { CoverageReport, FileCoverage, Totals } from "../model/coverage-report.js";
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

/** Merges `from` into `into` (sums hits, so a line covered by any report is covered). */
export function mergeReports(into: CoverageReport, from: CoverageReport): CoverageReport {
  for (const file of from.files.values()) {
    const target = fileEntry(into, file.path);
    target.hits.addAll(file.hits);
    target.branchesTotal += file.branchesTotal;
    target.branchesCovered += file.branchesCovered;
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
    return { ...file.summary, branchesTotal: file.branchesTotal, branchesCovered: file.branchesCovered };
  }
  let linesCovered = 0;
  file.hits.forEach((_line, count) => {
    if (count > 0) linesCovered++;
  });
  return { linesTotal: file.hits.size, linesCovered, branchesTotal: file.branchesTotal, branchesCovered: file.branchesCovered };
}

export function sumTotals(items: Iterable<Totals>): Totals {
  const sum: Totals = { linesTotal: 0, linesCovered: 0, branchesTotal: 0, branchesCovered: 0 };
  for (const item of items) {
    sum.linesTotal += item.linesTotal;
    sum.linesCovered += item.linesCovered;
    sum.branchesTotal += item.branchesTotal;
    sum.branchesCovered += item.branchesCovered;
  }
  return sum;
}

/** Line coverage in percent, or null when nothing is coverable. */
export function percent(totals: Pick<Totals, "linesTotal" | "linesCovered">): number | null {
  return totals.linesTotal === 0 ? null : (100 * totals.linesCovered) / totals.linesTotal;
}
