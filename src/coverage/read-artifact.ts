import { combineReports, type CoverageReport } from "./model.js";
import { detectFormat, parseReport } from "./parse-report.js";
import { CoverageParseError } from "./parse-error.js";
import { readZip, type ZipLimits } from "./read-zip.js";

export interface ArtifactReports {
  /** Every report in the artifact merged; null when it held none. */
  report: CoverageReport | null;
  /** Problems, each naming the artifact and file. */
  errors: string[];
}

/**
 * Every coverage report in an artifact's zip, merged. Files that are not reports (the HTML
 * report, CSS, a README) are passed over: coverage folders are usually uploaded whole.
 */
export async function readArtifactReports(zip: Buffer, artifactName: string, limits?: ZipLimits): Promise<ArtifactReports> {
  const errors: string[] = [];
  let contents;
  try {
    contents = await readZip(zip, artifactName, limits);
  } catch (error) {
    if (error instanceof CoverageParseError) return { report: null, errors: [error.message] };
    throw error;
  }
  let merged: CoverageReport | null = null;
  let found = 0;
  for (const file of contents.files) {
    if (detectFormat(file.bytes) === null) continue;
    try {
      merged = combineReports(merged, parseReport(file.bytes, `${artifactName}/${file.name}`));
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
