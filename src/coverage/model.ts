/**
 * The one model every report format is parsed into. Line hits live in a plain array indexed by
 * line number (`-1` = not coverable): reports list lines in order, so it fills like a push and
 * stays far cheaper than a Map for the million-line reports of big monorepos.
 */
export interface FileCoverage {
  /** Repo-relative where the report allowed it (see `normalise-path.ts`). */
  path: string;
  /** `hits[line]`: execution count, or -1 when the line is not coverable. Index 0 is unused. */
  hits: number[];
  branchesTotal: number;
  branchesCovered: number;
  /** Totals without line data (Istanbul's summary JSON): counted in the project figure only. */
  summary?: { linesTotal: number; linesCovered: number };
}

/** The report formats Shipshape reads, detected from content. */
export type ReportFormat = "lcov" | "cobertura" | "jacoco" | "clover" | "istanbul" | "istanbul-summary" | "go";

export interface CoverageReport {
  files: Map<string, FileCoverage>;
  /** Formats that went into it (several files may be merged). */
  formats: ReportFormat[];
}

export interface Totals {
  linesTotal: number;
  linesCovered: number;
  branchesTotal: number;
  branchesCovered: number;
}

export function emptyReport(): CoverageReport {
  return { files: new Map(), formats: [] };
}

/** The entry for `path`, created empty when the report has none yet. */
export function fileEntry(report: CoverageReport, path: string): FileCoverage {
  let file = report.files.get(path);
  if (!file) {
    file = { path, hits: [], branchesTotal: 0, branchesCovered: 0 };
    report.files.set(path, file);
  }
  return file;
}

/** Adds `count` executions to `line`; several entries for one line (or one file in several reports) add up. */
export function addHits(hits: number[], line: number, count: number): void {
  if (line === hits.length) {
    hits.push(count > 0 ? count : 0);
    return;
  }
  if (line <= 0) return;
  while (hits.length <= line) hits.push(-1);
  const current = hits[line] as number;
  hits[line] = (current < 0 ? 0 : current) + (count > 0 ? count : 0);
}

/** Merges `from` into `into` (sums hits, so a line covered by any report is covered). */
export function mergeReports(into: CoverageReport, from: CoverageReport): CoverageReport {
  for (const file of from.files.values()) {
    const target = fileEntry(into, file.path);
    for (let line = 1; line < file.hits.length; line++) {
      const count = file.hits[line] as number;
      if (count >= 0) addHits(target.hits, line, count);
    }
    target.branchesTotal += file.branchesTotal;
    target.branchesCovered += file.branchesCovered;
    // Line data wins over a summary; two summaries of one file cannot be merged, the later is kept.
    if (file.summary && target.hits.length === 0) target.summary = { ...file.summary };
    if (target.hits.length > 0) delete target.summary;
  }
  for (const format of from.formats) if (!into.formats.includes(format)) into.formats.push(format);
  return into;
}

/** `next` merged into `merged`, or `next` itself when there is nothing yet (no copy). */
export function combineReports(merged: CoverageReport | null, next: CoverageReport): CoverageReport {
  return merged ? mergeReports(merged, next) : next;
}

export function fileTotals(file: FileCoverage): Totals {
  if (file.summary && file.hits.length === 0) {
    return { ...file.summary, branchesTotal: file.branchesTotal, branchesCovered: file.branchesCovered };
  }
  let linesTotal = 0;
  let linesCovered = 0;
  const { hits } = file;
  for (let line = 1; line < hits.length; line++) {
    const count = hits[line] as number;
    if (count < 0) continue;
    linesTotal++;
    if (count > 0) linesCovered++;
  }
  return { linesTotal, linesCovered, branchesTotal: file.branchesTotal, branchesCovered: file.branchesCovered };
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
