import { CoverageParseError } from "./parse-error.js";

/**
 * Caps on what one report may claim, so a few hostile bytes cannot cost the process its memory
 * or a worker minutes: no real source file has more than a few million lines, and no real report
 * covers more than a hundred thousand files.
 */
export const LIMITS = {
  /** The largest line number a report may name. */
  maxLine: 10_000_000,
  /** Distinct files in one report. */
  maxFiles: 100_000,
  /** Cobertura `<class>` elements in one report (several classes may share a file). */
  maxClasses: 1_000_000,
  /** Lines that the blocks of one Go cover profile span, summed (a block names a range, not a line). */
  maxGoBlockLines: 20_000_000,
} as const;

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
