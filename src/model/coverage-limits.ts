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
