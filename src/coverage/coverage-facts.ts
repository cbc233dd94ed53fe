import type { Config } from "../config/schema.js";
import type { FileCoverage, ReportFormat, Totals } from "../model/coverage-report.js";
import type { FileFacts } from "../model/pull-request-facts.js";
import type { CoverageComponent } from "./component-prefixes.js";
import type { PatchCoverage } from "./patch-coverage.js";

/* The facts the coverage rule judges and the figures it computes, shared by the rule and the per-component figures. */

/** What is known about the workflow runs of the head SHA. */
export interface RunsFacts {
  /** Other workflow runs of the head SHA still queued or in progress. */
  pending: number;
  /** Names of finished runs that had no artifact matching `coverage.artifact`. */
  withoutArtifact: string[];
  /** Reports that could not be read, each naming its file. */
  errors: string[];
}

export interface CoverageFacts {
  headSha: string;
  runs: RunsFacts;
  /** The merged report of the head SHA, when there is one. */
  head: ReadonlyMap<string, FileCoverage> | null;
  /** The formats merged into the head report (a Go profile gets a word on lines vs statements). */
  headFormats?: readonly ReportFormat[];
  /** Per-file totals of the base report, and how it was chosen. */
  base: { sha: string; how: "base-sha" | "ancestor"; files: ReadonlyMap<string, Totals> } | null;
  prFiles: readonly FileFacts[];
  config: Pick<Config["coverage"], "artifact" | "ignore" | "annotations"> & Partial<Pick<Config["coverage"], "partials" | "paths">> & {
    patch: { target: number | "auto"; threshold?: number; informational?: boolean };
    project: { max_drop: number; threshold?: number; informational?: boolean };
    /** What to conclude when every run finished and none produced a report (ADR 0035); default neutral. */
    if_no_report?: "neutral" | "success";
    /** Monorepo components, each judged on its own figures (ADR 0036). */
    components?: readonly CoverageComponent[];
  };
}

/** The figures both the check run and the PR comment show. */
export interface CoverageFigures {
  patch: PatchCoverage;
  /** Patch %, one decimal; null when the PR changes no coverable line. */
  patchPct: number | null;
  /** The patch target in force (`auto`: the base's project figure), null when `auto` has no base. */
  target: number | null;
  headPct: number | null;
  basePct: number | null;
  /** Head minus base, points, one decimal; null without a base. */
  delta: number | null;
  /** Project points allowed to drop (`threshold`, else `max_drop`). */
  allowedDrop: number;
  /** Changed coverable lines still to cover for the patch to pass (0 when it passes). */
  linesToCover: number;
  patchMiss: boolean;
  projectMiss: boolean;
  /** The head report's totals (ignored files left out), for the branch figure. */
  headTotals: Totals;
  /** Per changed file with coverable changed lines: head and base line coverage of the whole file. */
  files: Array<{ path: string; coverable: number; uncovered: number; headPct: number | null; basePct: number | null }>;
  /** Each of `coverage.components` on its own figures (the whole report's figures only). */
  components?: ComponentFigures[];
}

/** One of `coverage.components` judged on its own figures (ADR 0036). */
export interface ComponentFigures {
  name: string;
  figures: CoverageFigures;
  patchInformational: boolean;
  projectInformational: boolean;
  /** A figure misses and is not informational: the check fails. */
  fails: boolean;
}

