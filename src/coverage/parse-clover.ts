import { addHits, emptyReport, fileEntry } from "./model.js";
import { type CoverageReport, type FileCoverage } from "../model/coverage-report.js";
import { CoverageParseError } from "./parse-error.js";
import { utf8 } from "./text-scan.js";
import { attr, attrIs, intAttr, scanXml } from "./xml-scan.js";

/**
 * Clover XML (OpenClover, istanbul's clover reporter, PHPUnit): `<file name path>` holds
 * `<line num count type truecount falsecount/>`. `path` (absolute in most tools) is preferred to
 * `name`, which is often the bare file name.
 */
export function parseClover(text: string, name: string): CoverageReport {
  const report = emptyReport();
  report.formats.push("clover");
  let file: FileCoverage | undefined;
  const root = scanXml(text, name, {
    open(element, start, end) {
      if (element === "line") {
        if (!file) return;
        const line = intAttr(text, start, end, "num", -1);
        if (line < 0) throw new CoverageParseError(name, `a <line> without num at byte ${start}`);
        addHits(file, line, intAttr(text, start, end, "count"), name);
        if (attrIs(text, "type", "cond")) {
          file.branchesTotal += 2;
          if (intAttr(text, start, end, "truecount") > 0) file.branchesCovered++;
          if (intAttr(text, start, end, "falsecount") > 0) file.branchesCovered++;
        }
      } else if (element === "file") {
        const path = attr(text, start, end, "path") ?? attr(text, start, end, "name");
        if (!path) throw new CoverageParseError(name, `a <file> without a name at byte ${start}`);
        file = fileEntry(report, utf8(path), name);
      }
    },
    close(element) {
      if (element === "file") file = undefined;
    },
  });
  if (root !== "coverage") throw new CoverageParseError(name, `not a Clover report: root element <${root}>`);
  return report;
}
