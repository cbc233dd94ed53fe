import { LineHits } from "../model/line-hits.js";
import { checkCount } from "./limits.js";
import { LIMITS } from "../model/coverage-limits.js";
import { addBranches, addHits, emptyReport, fileEntry, mergeBranches } from "./model.js";
import { type CoverageReport, type FileCoverage } from "../model/coverage-report.js";
import { joinPath } from "./normalise-path.js";
import { CoverageParseError } from "./parse-error.js";
import { utf8 } from "./text-scan.js";
import { attr, attrIs, intAttr, scanXml } from "./xml-scan.js";

/**
 * Cobertura XML (coverage.py, istanbul's cobertura reporter, gcovr, .NET coverlet): `<class
 * filename>` holds `<lines><line number hits branch condition-coverage/>`. Lines repeated under
 * `<methods>` are skipped, or they would count twice. File names are relative to a `<source>`.
 */
export function parseCobertura(text: string, name: string): CoverageReport {
  const report = emptyReport();
  report.formats.push("cobertura");
  const sources: string[] = [];
  let sourceStart = -1;
  let file: FileCoverage | undefined;
  let inMethods = 0;
  const classFiles: Array<{ file: FileCoverage; filename: string }> = [];
  const root = scanXml(text, name, {
    open(element, start, end) {
      if (element === "line") {
        if (!file || inMethods > 0) return;
        const line = intAttr(text, start, end, "number", -1);
        if (line < 0) throw new CoverageParseError(name, `a <line> without a number at byte ${start}`);
        addHits(file, line, intAttr(text, start, end, "hits"), name);
        if (attrIs(text, "branch", "true")) {
          const match = /\((\d+)\/(\d+)\)/.exec(attr(text, start, end, "condition-coverage") ?? "");
          if (match) addBranches(file, line, Number(match[1]), Number(match[2]));
        }
      } else if (element === "class") {
        const filename = attr(text, start, end, "filename");
        if (filename === undefined) throw new CoverageParseError(name, `a <class> without a filename at byte ${start}`);
        // Placeholder entry until <sources> (which may come first or last) is known; it carries the
        // class's file name so that an error names it.
        checkCount(classFiles.length + 1, name, "<class> elements", LIMITS.maxClasses);
        const path = utf8(filename);
        file = { path, hits: new LineHits(), branchesTotal: 0, branchesCovered: 0 };
        classFiles.push({ file, filename: path });
      } else if (element === "methods") inMethods++;
      else if (element === "source") sourceStart = end + 1;
    },
    close(element, at) {
      if (element === "class") file = undefined;
      else if (element === "methods") inMethods--;
      else if (element === "source" && sourceStart >= 0) {
        const source = utf8(text.slice(sourceStart, at).trim());
        if (source) sources.push(source); // coverage.py writes an empty <source> first
        sourceStart = -1;
      }
    },
  });
  if (root !== "coverage") throw new CoverageParseError(name, `not a Cobertura report: root element <${root}>`);
  // Several <class> elements (Java inner classes, Python modules) may share one file.
  const source = sources.length === 1 ? sources[0] : undefined;
  for (const { file: part, filename } of classFiles) {
    const path = source === undefined ? filename : joinPath(source, filename);
    if (!report.files.has(path)) {
      checkCount(report.files.size + 1, name);
      report.files.set(path, { ...part, path });
      continue;
    }
    const target = fileEntry(report, path, name);
    target.hits.addAll(part.hits);
    mergeBranches(target, part);
  }
  return report;
}
