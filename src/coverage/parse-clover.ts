import { addBranches, addHits, emptyReport, fileEntry } from "./model.js";
import { type CoverageReport, type FileCoverage } from "../model/coverage-report.js";
import { CoverageParseError } from "./parse-error.js";
import { utf8 } from "./text-scan.js";
import { attr, attrIs, intAttr, scanXml } from "./xml-scan.js";

/**
 * Clover XML (OpenClover, istanbul's clover reporter, PHPUnit): `<file name path>` holds
 * `<line num count type truecount falsecount/>`. `path` (absolute in most tools) is preferred to
 * `name`, which is often the bare file name.
 *
 * A `cond` line's `truecount`/`falsecount` mean two things: istanbul's clover reporter (root
 * `clover="3.2.0"`) writes the line's covered and uncovered branch counts; OpenClover writes how
 * often the condition was true and false, two branches.
 *
 * A `type="method"` line is a method's entry (its signature line and call count), not a statement:
 * PHPUnit and OpenClover write it beside the statements, and PHPUnit's own Lines figure (its
 * `<metrics statements>`) does not count it, so neither does Shipshape.
 */
export function parseClover(text: string, name: string): CoverageReport {
  const report = emptyReport();
  report.formats.push("clover");
  let file: FileCoverage | undefined;
  let istanbul = false;
  const root = scanXml(text, name, {
    open(element, start, end) {
      if (element === "line") {
        if (!file) return;
        const line = intAttr(text, start, end, "num", -1);
        if (line < 0) throw new CoverageParseError(name, `a <line> without num at byte ${start}`);
        if (attrIs(text, "type", "method")) return;
        addHits(file, line, intAttr(text, start, end, "count"), name);
        if (attrIs(text, "type", "cond")) {
          const trueCount = intAttr(text, start, end, "truecount");
          const falseCount = intAttr(text, start, end, "falsecount");
          if (istanbul) addBranches(file, line, trueCount, trueCount + falseCount);
          else addBranches(file, line, (trueCount > 0 ? 1 : 0) + (falseCount > 0 ? 1 : 0), 2);
        }
      } else if (element === "file") {
        const path = attr(text, start, end, "path") ?? attr(text, start, end, "name");
        if (!path) throw new CoverageParseError(name, `a <file> without a name at byte ${start}`);
        file = fileEntry(report, utf8(path), name);
      } else if (element === "coverage") {
        istanbul = attr(text, start, end, "clover") === "3.2.0";
      }
    },
    close(element) {
      if (element === "file") file = undefined;
    },
  });
  if (root !== "coverage") throw new CoverageParseError(name, `not a Clover report: root element <${root}>`);
  return report;
}
