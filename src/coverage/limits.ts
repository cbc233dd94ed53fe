import { LIMITS } from "../model/coverage-limits.js";
import { CoverageParseError } from "./parse-error.js";

const thousands = (value: number) => value.toLocaleString("en-US");

/** Throws a `CoverageParseError` naming the report, the source file and the line when `line` is past the cap. */
export function checkLine(line: number, report: string, path: string): void {
  if (line > LIMITS.maxLine) {
    throw new CoverageParseError(report, `${path}: line ${line} is past the limit of ${thousands(LIMITS.maxLine)} lines per source file`);
  }
}

/** Throws when a report would hold more than `LIMITS.maxFiles` files (or `what` more than `max`). */
export function checkCount(count: number, report: string, what = "files", max: number = LIMITS.maxFiles): void {
  if (count > max) throw new CoverageParseError(report, `more than ${thousands(max)} ${what} in one report`);
}
