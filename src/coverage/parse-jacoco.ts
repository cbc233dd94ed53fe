import { addBranches, addHits, emptyReport, fileEntry } from "./model.js";
import { type CoverageReport, type FileCoverage } from "../model/coverage-report.js";
import { CoverageParseError } from "./parse-error.js";
import { utf8 } from "./text-scan.js";
import { attr, intAttr, scanXml } from "./xml-scan.js";

/**
 * JaCoCo XML: `<package name="com/acme">` → `<sourcefile name="Foo.java">` →
 * `<line nr mi ci mb cb/>`. A line is coverable when it has instructions (mi + ci > 0) and
 * covered when any ran (ci > 0). Paths are package paths (`com/acme/Foo.java`); the judge
 * matches them to the repo's `src/main/java/...` by suffix. Each file keeps its module (the
 * innermost `<group name>` of an aggregate report, else `<report name>`), so two modules' files of
 * one package path stay apart until `coverage.components` prefixes (or nothing) decide their paths.
 */
export function parseJacoco(text: string, name: string): CoverageReport {
  const report = emptyReport();
  report.formats.push("jacoco");
  let pkg = "";
  let file: FileCoverage | undefined;
  const modules: string[] = [];
  const root = scanXml(text, name, {
    open(element, start, end) {
      if (element === "line") {
        if (!file) return;
        const line = intAttr(text, start, end, "nr", -1);
        if (line < 0) throw new CoverageParseError(name, `a <line> without nr at byte ${start}`);
        const covered = intAttr(text, start, end, "ci");
        const missed = intAttr(text, start, end, "mi");
        if (covered + missed > 0) addHits(file, line, covered > 0 ? 1 : 0, name);
        const branchesCovered = intAttr(text, start, end, "cb");
        addBranches(file, line, branchesCovered, branchesCovered + intAttr(text, start, end, "mb"));
      } else if (element === "sourcefile") {
        const sourceName = utf8(attr(text, start, end, "name") ?? "");
        if (!sourceName) throw new CoverageParseError(name, `a <sourcefile> without a name at byte ${start}`);
        const path = pkg ? `${pkg}/${sourceName}` : sourceName;
        const module = modules[modules.length - 1] ?? "";
        // Keyed by module and path while parsing; `parseReport` merges same paths it does not prefix.
        file = fileEntry(report, module ? `${module}\u0000${path}` : path, name);
        file.path = path;
        if (module) file.module = module;
      } else if (element === "package") {
        pkg = utf8(attr(text, start, end, "name") ?? "");
      } else if (element === "group" || element === "report") {
        modules.push(utf8(attr(text, start, end, "name") ?? ""));
      }
    },
    close(element) {
      if (element === "sourcefile") file = undefined;
      else if (element === "package") pkg = "";
      else if (element === "group" || element === "report") modules.pop();
    },
  });
  if (root !== "report") throw new CoverageParseError(name, `not a JaCoCo report: root element <${root}>`);
  return report;
}
