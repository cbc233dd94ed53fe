import type { LineHits } from "./line-hits.js";

/**
 * The one model every report format is parsed into. Line hits live in `LineHits`: a plain array
 * indexed by line number for ordinary files (reports list lines in order, so it fills like a
 * push and stays far cheaper than a Map for the million-line reports of big monorepos), a Map for
 * files whose line numbers are far apart.
 */
export interface FileCoverage {
  /** Repo-relative where the report allowed it (see `normalise-path.ts`). */
  path: string;
  /** Execution count per coverable line. */
  hits: LineHits;
  /**
   * Branch counts per line, for reports that give them (LCOV BRDA, Cobertura condition-coverage,
   * Clover cond lines, JaCoCo mb/cb, Istanbul branch locations). A covered line with a branch
   * not taken is a *partial*. When present, the file's branch totals are their sums.
   */
  lineBranches?: Map<number, LineBranch>;
  /** Branch totals of the file; the sums of `lineBranches` when the report gave them per line. */
  branchesTotal: number;
  branchesCovered: number;
  /** Totals without line data (Istanbul's summary JSON): counted in the project figure only. */
  summary?: { linesTotal: number; linesCovered: number };
  /**
   * The module the report puts the file in (JaCoCo's innermost `<group>`, else its `<report
   * name>`), while parsing only: a `coverage.components` entry of that name gives its path a prefix.
   */
  module?: string;
}

/**
 * Prefixes for the package-relative paths of one report (`coverage.components`): `prefix` for
 * every file of an artifact or upload that is a component's, `modules` per JaCoCo module name.
 */
export interface ReportPrefixes {
  prefix?: string;
  modules?: ReadonlyMap<string, string>;
}

/** Branches of one line: how many there are and how many were taken. */
export interface LineBranch {
  covered: number;
  total: number;
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
  /** Covered lines with a branch not taken (counted in `linesCovered`; `coverage.partials` decides). */
  linesPartial: number;
  branchesTotal: number;
  branchesCovered: number;
}

/** A commit's merged report as it is to be stored: each file with its totals, and the commit's. */
export interface StoredCoverage {
  report: CoverageReport;
  files: Array<{ file: FileCoverage; totals: Totals }>;
  totals: Totals;
}
