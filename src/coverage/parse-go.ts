import { checkLine } from "./limits.js";
import { LIMITS } from "../model/coverage-limits.js";
import { emptyReport, fileEntry } from "./model.js";
import { type CoverageReport } from "../model/coverage-report.js";
import { CoverageParseError } from "./parse-error.js";
import { readUint, scanEnd, utf8 } from "./text-scan.js";

/**
 * `go test -coverprofile` output: `mode: set|count|atomic`, then one block a line,
 * `import/path/file.go:startLine.startCol,endLine.endCol numStatements count`. Every line of a
 * block is coverable; a line in several blocks is covered when any of them ran. A block that ends
 * at column 2 or less on a later line ends with a lone closing `}`: that line is not counted, as
 * Codecov does not count it. Figures are lines; `go test -cover` prints statements.
 */
export function parseGoProfile(text: string, name: string): CoverageReport {
  const report = emptyReport();
  report.formats.push("go");
  let pos = text.indexOf("\n") + 1;
  if (pos === 0) pos = text.length;
  let lastPath = "";
  let lastFile = undefined as ReturnType<typeof fileEntry> | undefined;
  // A block names a range of lines: their sum is capped, or a few short lines could ask for billions.
  let blockLines = 0;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    if (end > pos && text.charCodeAt(pos) !== 13) {
      const colon = text.lastIndexOf(":", end);
      const startLine = colon > pos ? readUint(text, colon + 1) : Number.NaN;
      const comma = text.indexOf(",", scanEnd);
      const endLine = comma > 0 && comma < end ? readUint(text, comma + 1) : Number.NaN;
      const endColumn = text.charCodeAt(scanEnd) === 46 /* . */ ? readUint(text, scanEnd + 1) : Number.NaN;
      const space = text.lastIndexOf(" ", end);
      const count = readUint(text, space + 1);
      if (Number.isNaN(startLine) || Number.isNaN(endLine) || Number.isNaN(count) || endLine < startLine) {
        if (text.startsWith("mode:", pos)) {
          // Profiles of several packages concatenated keep each one's mode line.
          pos = end + 1;
          continue;
        }
        throw new CoverageParseError(name, `malformed Go cover profile line at byte ${pos}`);
      }
      const path = text.slice(pos, colon);
      if (path !== lastPath) {
        lastPath = path;
        lastFile = fileEntry(report, utf8(path), name);
      }
      checkLine(endLine, name, lastFile!.path);
      blockLines += endLine - startLine + 1;
      if (blockLines > LIMITS.maxGoBlockLines) {
        throw new CoverageParseError(name, `its blocks span more than ${LIMITS.maxGoBlockLines.toLocaleString("en-US")} lines in all (at byte ${pos})`);
      }
      const hits = lastFile!.hits;
      const lastLine = endLine > startLine && endColumn <= 2 ? endLine - 1 : endLine;
      for (let line = startLine; line <= lastLine; line++) hits.add(line, count);
    }
    pos = end + 1;
  }
  return report;
}
