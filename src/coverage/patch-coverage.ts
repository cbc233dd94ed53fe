import type { FileFacts } from "../model/pull-request-facts.js";
import { changedLines } from "./changed-lines.js";
import type { LineHits } from "../model/line-hits.js";
import type { FileCoverage } from "../model/coverage-report.js";
import type { PartialsRule } from "./model.js";
import type { PathIndex } from "./match-paths.js";

/** Uncovered changed lines of one file, merged into ranges. */
export interface UncoveredRange {
  path: string;
  start: number;
  end: number;
  /** Lines that ran with a branch not taken (`partials: miss`), kept apart from lines that never ran. */
  partial?: true;
}

export interface PatchCoverage {
  coverable: number;
  covered: number;
  /** Per file, for the summary table: changed coverable and uncovered lines. */
  files: Array<{ path: string; coverable: number; uncovered: number }>;
  uncovered: UncoveredRange[];
  /** Files whose diff GitHub did not send (too large): they could not be judged line by line. */
  notJudged: string[];
  /** Changed lines that ran with a branch not taken (uncovered under `partials: miss`). */
  partial: number;
  /** PR files found in the report (judged or not). */
  matched: number;
  /**
   * Changed source files the report does not have: files whose extension the report covers
   * elsewhere (a changed README is not expected in a report), so a path mismatch is never silent.
   */
  unmatched: string[];
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
  /** How a changed line that ran with a branch not taken counts (default: miss, Codecov's rule). */
  partials?: PartialsRule;
}): PatchCoverage {
  const result: PatchCoverage = { coverable: 0, covered: 0, files: [], uncovered: [], notJudged: [], partial: 0, matched: 0, unmatched: [] };
  let extensions: Set<string> | undefined;
  for (const prFile of params.prFiles) {
    if (prFile.status === "removed" || params.isIgnored(prFile.filename)) continue;
    const reportPath = params.index.find(prFile.filename);
    const coverage = reportPath === undefined ? undefined : params.headFiles.get(reportPath);
    if (!coverage) {
      extensions ??= new Set([...params.headFiles.keys()].map(extension).filter((ext) => ext !== ""));
      if (extensions.has(extension(prFile.filename))) result.unmatched.push(prFile.filename);
      continue;
    }
    result.matched++;
    if (coverage.hits.size === 0) continue;
    let lines: number[];
    if (prFile.patch !== undefined) lines = changedLines(prFile.patch);
    // A pure rename (or a mode change) changes no line: nothing to judge, and nothing missing.
    else if (prFile.additions === 0 && prFile.deletions === 0 && prFile.status !== "added") lines = [];
    else if (prFile.status === "added") {
      const added: number[] = [];
      coverage.hits.forEach((line) => added.push(line));
      lines = added;
    }
    else {
      result.notJudged.push(prFile.filename);
      continue;
    }
    judgeFile(result, prFile.filename, lines, coverage, params.partials ?? "miss");
  }
  return result;
}

function extension(path: string): string {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  return dot > slash + 1 ? path.slice(dot).toLowerCase() : "";
}

function judgeFile(result: PatchCoverage, path: string, lines: number[], coverage: FileCoverage, partials: PartialsRule): void {
  const hits: LineHits = coverage.hits;
  const branches = coverage.lineBranches;
  let coverable = 0;
  let uncovered = 0;
  let open: UncoveredRange | undefined;
  for (const line of lines) {
    const count = hits.get(line);
    if (count < 0) continue;
    coverable++;
    let partial = false;
    if (count > 0 && branches !== undefined) {
      const branch = branches.get(line);
      partial = branch !== undefined && branch.covered < branch.total;
      if (partial) result.partial++;
    }
    if (count > 0 && !(partial && partials === "miss")) {
      open = undefined;
      continue;
    }
    uncovered++;
    // Merge with the open range when only non-coverable lines lie between (never across an unchanged one).
    if (open && open.partial === (partial || undefined) && hits.nextCoverable(open.end) >= line) open.end = line;
    else {
      open = partial ? { path, start: line, end: line, partial } : { path, start: line, end: line };
      result.uncovered.push(open);
    }
  }
  result.coverable += coverable;
  result.covered += coverable - uncovered;
  if (coverable > 0) result.files.push({ path, coverable, uncovered });
}
