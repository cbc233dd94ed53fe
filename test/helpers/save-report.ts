import { mergeForStorage } from "../../src/coverage/merge-for-storage.js";
import type { CoverageReport, Totals } from "../../src/model/coverage-report.js";
import type { Db } from "../../src/store/db.js";
import { saveCoverageReport } from "../../src/store/coverage.js";

/** Stores a report for a commit the way the app does: merged into what the commit already has. */
export function saveReport(db: Db, params: { repo: string; sha: string; branch: string | null; report: CoverageReport; now: number }): Promise<Totals> {
  const { report, ...rest } = params;
  return saveCoverageReport(db, { ...rest, merge: (existing) => mergeForStorage(existing, report) });
}
