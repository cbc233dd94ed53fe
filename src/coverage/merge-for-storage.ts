import type { CoverageReport, StoredCoverage } from "../model/coverage-report.js";
import { fileTotals, mergeReports, sumTotals } from "./model.js";

/**
 * What a commit's stored coverage becomes when `incoming` arrives: reports of several runs or
 * uploads of one commit add up. The store hands in what it holds and writes what this returns.
 */
export function mergeForStorage(existing: CoverageReport | null, incoming: CoverageReport): StoredCoverage {
  const report = existing ? mergeReports(existing, incoming) : incoming;
  const files = [...report.files.values()].map((file) => ({ file, totals: fileTotals(file) }));
  return { report, files, totals: sumTotals(files.map((entry) => entry.totals)) };
}
