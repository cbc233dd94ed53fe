import { BudgetTooSmallError, type ByteLease } from "../lib/byte-budget.js";
import { combineReports } from "./model.js";
import { type CoverageReport, type ReportPrefixes } from "../model/coverage-report.js";
import { detectFormat, parseReport } from "./parse-report.js";
import { CoverageParseError } from "./parse-error.js";
import { readZip, type ZipLimits } from "./read-zip.js";

export interface ArtifactReports {
  /** Every report in the artifact merged; null when it held none. */
  report: CoverageReport | null;
  /** Problems, each naming the artifact and file. */
  errors: string[];
}

/** Takes inflated bytes from the app's memory budget: waits, or throws `BudgetBusyError` (retry later) or `BudgetTooSmallError` (never fits). */
export type ReserveBytes = (bytes: number) => Promise<ByteLease>;

/**
 * Every coverage report in an artifact's zip, merged. Files that are not reports (the HTML
 * report, CSS, a README) are passed over: coverage folders are usually uploaded whole.
 * With `reserve`, the inflated bytes are held from the memory budget until parsing is done;
 * `prefixes` (a monorepo component's) go in front of the reports' package-relative paths.
 */
export async function readArtifactReports(zip: Buffer, artifactName: string, limits?: ZipLimits, reserve?: ReserveBytes, prefixes?: ReportPrefixes): Promise<ArtifactReports> {
  let lease: ByteLease | undefined;
  try {
    return await readHeld(zip, artifactName, limits, reserve && (async (bytes) => void (lease = await reserve(bytes))), prefixes);
  } finally {
    lease?.release();
  }
}

async function readHeld(zip: Buffer, artifactName: string, limits: ZipLimits | undefined, admit: ((bytes: number) => Promise<void>) | undefined, prefixes: ReportPrefixes | undefined): Promise<ArtifactReports> {
  const errors: string[] = [];
  let contents;
  try {
    contents = await readZip(zip, artifactName, limits, admit);
  } catch (error) {
    if (error instanceof CoverageParseError) return { report: null, errors: [error.message] };
    // More than the whole budget: it can never be read in this process, so it is a finding, not a retry.
    if (error instanceof BudgetTooSmallError) return { report: null, errors: [`${artifactName}: refused: ${error.message}`] };
    throw error;
  }
  let merged: CoverageReport | null = null;
  let found = 0;
  for (const file of contents.files) {
    if (detectFormat(file.bytes) === null) continue;
    try {
      merged = combineReports(merged, parseReport(file.bytes, `${artifactName}/${file.name}`, prefixes));
      found++;
    } catch (error) {
      if (!(error instanceof CoverageParseError)) throw error;
      errors.push(error.message);
    }
  }
  for (const skipped of contents.skipped) errors.push(`${artifactName}/${skipped}`);
  if (found === 0 && errors.length === 0) {
    const names = contents.files.map((file) => file.name).slice(0, 10);
    errors.push(`${artifactName}: no coverage report among ${contents.files.length} file(s)${names.length > 0 ? ` (${names.join(", ")})` : ""}`);
  }
  return { report: found > 0 ? merged : null, errors };
}
