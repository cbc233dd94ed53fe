import type { FileFacts } from "../model/pull-request-facts.js";
import { changedLines } from "./changed-lines.js";
import type { LineHits } from "../model/line-hits.js";
import type { FileCoverage } from "../model/coverage-report.js";
import type { PathIndex } from "./match-paths.js";

/** Uncovered changed lines of one file, merged into ranges. */
export interface UncoveredRange {
  path: string;
  start: number;
  end: number;
}

export interface PatchCoverage {
  coverable: number;
  covered: number;
  /** Per file, for the summary table: changed coverable and uncovered lines. */
  files: Array<{ path: string; coverable: number; uncovered: number }>;
  uncovered: UncoveredRange[];
  /** Files whose diff GitHub did not send (too large): they could not be judged line by line. */
  notJudged: string[];
}

/**
 * Patch coverage: covered / coverable among the lines the PR adds or changes. An added file
 * without a patch is judged on every line (all of it is new); a modified one without a patch is
 * listed as not judged rather than guessed.
 */
export function patchCoverage(params: {
  prFiles: readonly FileFacts[];
  headFiles: ReadonlyMap<string, FileCoverage>;
  index: PathIndex;
  isIgnored: (path: string) => boolean;
}): PatchCoverage {
  const result: PatchCoverage = { coverable: 0, covered: 0, files: [], uncovered: [], notJudged: [] };
  for (const prFile of params.prFiles) {
    if (prFile.status === "removed" || params.isIgnored(prFile.filename)) continue;
    const reportPath = params.index.find(prFile.filename);
    const coverage = reportPath === undefined ? undefined : params.headFiles.get(reportPath);
    if (!coverage || coverage.hits.size === 0) continue;
    let lines: number[];
    if (prFile.patch !== undefined) lines = changedLines(prFile.patch);
    else if (prFile.status === "added") {
      const added: number[] = [];
      coverage.hits.forEach((line) => added.push(line));
      lines = added;
    }
    else {
      result.notJudged.push(prFile.filename);
      continue;
    }
    judgeFile(result, prFile.filename, lines, coverage.hits);
  }
  return result;
}

function judgeFile(result: PatchCoverage, path: string, lines: number[], hits: LineHits): void {
  let coverable = 0;
  let uncovered = 0;
  let open: UncoveredRange | undefined;
  for (const line of lines) {
    const count = hits.get(line);
    if (count < 0) continue;
    coverable++;
    if (count > 0) {
      open = undefined;
      continue;
    }
    uncovered++;
    // Merge with the open range when only non-coverable lines lie between (never across an unchanged one).
    if (open && hits.nextCoverable(open.end) >= line) open.end = line;
    else {
      open = { path, start: line, end: line };
      result.uncovered.push(open);
    }
  }
  result.coverable += coverable;
  result.covered += coverable - uncovered;
  if (coverable > 0) result.files.push({ path, coverable, uncovered });
}
