import { addHits, emptyReport, fileEntry, type CoverageReport, type FileCoverage } from "./model.js";
import { CoverageParseError } from "./parse-error.js";
import { readUint, utf8 } from "./text-scan.js";

/**
 * LCOV tracefiles (geninfo's format: `SF:`, `DA:line,hits`, `BRDA:line,block,branch,taken`,
 * `end_of_record`), scanned line by line over the latin1 text without splitting or regexes:
 * the scan is what keeps it several times faster than line-splitting parsers.
 */
export function parseLcov(text: string, name: string): CoverageReport {
  const report = emptyReport();
  report.formats.push("lcov");
  let file: FileCoverage | undefined;
  let branchesFromBrda = false;
  let pos = 0;
  const length = text.length;
  while (pos < length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = length;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const c0 = text.charCodeAt(pos);
    if (c0 === 68 && text.charCodeAt(pos + 1) === 65 && text.charCodeAt(pos + 2) === 58) {
      // DA:<line>,<hits>[,<checksum>]
      if (!file) throw new CoverageParseError(name, `line data before any SF: record at byte ${pos}`);
      // Inlined digit loops: this branch runs once per line of a multi-megabyte report.
      let i = pos + 3;
      let line = 0;
      let code = text.charCodeAt(i);
      while (code >= 48 && code <= 57) {
        line = line * 10 + code - 48;
        code = text.charCodeAt(++i);
      }
      if (code !== 44 || i === pos + 3) throw new CoverageParseError(name, `malformed DA record at byte ${pos}`);
      let count = 0;
      code = text.charCodeAt(++i);
      // Some generators write negative or fractional counts; anything not a count is "not run".
      while (code >= 48 && code <= 57) {
        count = count * 10 + code - 48;
        code = text.charCodeAt(++i);
      }
      const hits = file.hits;
      if (line === hits.length && line > 0) hits.push(count);
      else addHits(hits, line, count);
    } else if (c0 === 66 && text.startsWith("BRDA:", pos)) {
      if (!file) throw new CoverageParseError(name, `branch data before any SF: record at byte ${pos}`);
      if (!branchesFromBrda) {
        branchesFromBrda = true;
        file.branchesTotal = 0;
        file.branchesCovered = 0;
      }
      const taken = text.slice(text.lastIndexOf(",", lineEnd - 1) + 1, lineEnd);
      file.branchesTotal++;
      if (taken !== "-" && taken !== "0") file.branchesCovered++;
    } else if (c0 === 83 && text.charCodeAt(pos + 1) === 70 && text.charCodeAt(pos + 2) === 58) {
      const path = utf8(text.slice(pos + 3, lineEnd).trim());
      if (path.length === 0) throw new CoverageParseError(name, `empty SF: record at byte ${pos}`);
      file = fileEntry(report, path);
      branchesFromBrda = false;
    } else if (c0 === 66 && !branchesFromBrda && file && (text.startsWith("BRF:", pos) || text.startsWith("BRH:", pos))) {
      const value = readUint(text, pos + 4);
      if (!Number.isNaN(value)) {
        if (text.charCodeAt(pos + 2) === 70) file.branchesTotal = value;
        else file.branchesCovered = value;
      }
    } else if (c0 === 101 && text.startsWith("end_of_record", pos)) {
      file = undefined;
    }
    // TN, FN, FNDA, FNF, FNH, LF, LH, VER and blank lines carry nothing the figures need.
    pos = end + 1;
  }
  if (report.files.size === 0) throw new CoverageParseError(name, "an LCOV file with no SF: records");
  return report;
}

/** True when the text starts like an LCOV tracefile. */
export function looksLikeLcov(head: string): boolean {
  return /^(?:\s*(?:#[^\n]*|VER:[^\n]*|TN:[^\n]*)\n)*\s*SF:/.test(head);
}

export { addHits };
