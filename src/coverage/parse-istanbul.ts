import { checkLine } from "./limits.js";
import { addBranches, emptyReport, fileEntry } from "./model.js";
import { type CoverageReport } from "../model/coverage-report.js";
import { CoverageParseError } from "./parse-error.js";

interface Position {
  line: number;
}
interface FileData {
  path?: string;
  statementMap?: Record<string, { start: Position; end: Position }>;
  s?: Record<string, number>;
  b?: Record<string, number[]>;
  branchMap?: Record<string, { line?: number; loc?: { start?: Position }; locations?: Array<{ start?: Position }> }>;
}
interface SummaryCounter {
  total: number;
  covered: number;
}

/**
 * Istanbul's `coverage-final.json` (nyc, c8, jest, vitest): statements per file; a line's hits
 * are the most of any statement starting on it, as istanbul's own line view counts them.
 */
export function parseIstanbul(json: Record<string, unknown>, name: string): CoverageReport {
  const report = emptyReport();
  report.formats.push("istanbul");
  for (const [key, value] of Object.entries(json)) {
    const data = unwrap(value);
    if (!data?.statementMap || !data.s) throw new CoverageParseError(name, `entry "${key}" has no statementMap/s: not Istanbul coverage`);
    const file = fileEntry(report, String(data.path ?? key), name);
    for (const [id, location] of Object.entries(data.statementMap)) {
      const line = location?.start?.line;
      if (typeof line !== "number" || !Number.isInteger(line) || line <= 0) continue;
      checkLine(line, name, file.path);
      const count = Number(data.s[id] ?? 0);
      file.hits.max(line, count);
    }
    for (const [id, counts] of Object.entries(data.b ?? {})) {
      if (!Array.isArray(counts)) continue;
      const covered = counts.filter((count) => count > 0).length;
      // The branch's own line, as istanbul's LCOV reporter writes it in BRDA.
      const where = data.branchMap?.[id];
      const line = where?.line ?? where?.loc?.start?.line ?? where?.locations?.[0]?.start?.line;
      if (typeof line === "number" && Number.isInteger(line) && line > 0) addBranches(file, line, covered, counts.length);
      else {
        file.branchesTotal += counts.length;
        file.branchesCovered += covered;
      }
    }
  }
  return report;
}

/** Istanbul's `coverage-summary.json`: per-file totals only, so it feeds the project figure but not the patch. */
export function parseIstanbulSummary(json: Record<string, unknown>, name: string): CoverageReport {
  const report = emptyReport();
  report.formats.push("istanbul-summary");
  for (const [key, value] of Object.entries(json)) {
    if (key === "total") continue;
    const entry = value as { lines?: SummaryCounter; branches?: SummaryCounter } | null;
    if (!entry?.lines || typeof entry.lines.total !== "number") throw new CoverageParseError(name, `entry "${key}" has no lines counter: not an Istanbul summary`);
    const file = fileEntry(report, key, name);
    file.summary = { linesTotal: entry.lines.total, linesCovered: entry.lines.covered };
    file.branchesTotal += entry.branches?.total ?? 0;
    file.branchesCovered += entry.branches?.covered ?? 0;
  }
  return report;
}

/** Old nyc output wraps each file's data in `{ data: … }`. */
function unwrap(value: unknown): FileData | undefined {
  if (!value || typeof value !== "object") return undefined;
  const record = value as FileData & { data?: FileData };
  return record.statementMap ? record : record.data;
}
