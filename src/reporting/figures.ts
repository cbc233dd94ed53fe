import { CHECK_KEYS, type CheckKey } from "../model/checks.js";

/**
 * The figures the dashboard and the digest show, as plain data. Loaded from the store by
 * `load-figures.ts`; everything that renders them is a pure function of these types.
 * Durations are milliseconds; dates are ISO-8601 UTC strings.
 */

import type { StagePhase } from "../metrics/definitions.js";

/** An organisation (`repo` absent) or one repository. */
export interface Scope {
  owner: string;
  repo?: string;
}

/** A half-open window [from, to). */
export interface DateRange {
  from: Date;
  to: Date;
}

/** Median of each phase and of the cycle time over the PRs merged in one week. */
export interface PhaseWeek {
  /** Monday of the week (UTC), `YYYY-MM-DD`. */
  week: string;
  /** Merged PRs in the week. */
  count: number;
  /** Median milliseconds per phase; null when no PR of the week had that phase. */
  phases: Record<StagePhase, number | null>;
  cycle: number | null;
}

export type DoraBand = "elite" | "high" | "medium" | "low";
export type DoraKeyName = "deployment_frequency" | "lead_time" | "change_failure_rate" | "time_to_restore" | "failed_deployment_recovery_time";

/** One DORA key over the range, beside the same key over the range just before it. */
export interface DoraFigure {
  key: DoraKeyName;
  /** Deployments per day, milliseconds, or a 0..1 share, by key; null when nothing to measure. */
  value: number | null;
  band: DoraBand | null;
  previous: number | null;
}

/** PRs merged in the range whose lines changed (added + removed) fall in [min, max). */
export interface SizeBucket {
  label: string;
  min: number;
  max: number | null;
  count: number;
}

/** An open, ready PR that nobody but its author has reviewed yet. */
export interface WaitingPullRequest {
  repo: string;
  number: number;
  title: string | null;
  author: string;
  /** Since when it has been waiting: ready for review. */
  readyAt: string;
}

/** The checks the hygiene series shows: every check of the registry, in its order. */
export const HYGIENE_CHECKS: readonly CheckKey[] = CHECK_KEYS;
export type HygieneCheck = CheckKey;

/** How the merged PRs of the range fared on one check, and their cycle time either way. */
export interface HygieneFigure {
  check: HygieneCheck;
  /** PRs the check judged (passed + failed); exempt and unjudged PRs are left out. */
  passed: number;
  failed: number;
  passedCycleMedian: number | null;
  failedCycleMedian: number | null;
  /** The PRs that failed it, most recently merged first (a few). */
  missed: { repo: string; number: number }[];
}

/** Everything a repository or organisation page shows. */
export interface ScopeFigures {
  scope: Scope;
  range: DateRange;
  /** Medians over every PR merged in the whole range (`week` is the range's first day). */
  total: PhaseWeek;
  weeks: PhaseWeek[];
  dora: DoraFigure[];
  sizes: SizeBucket[];
  waiting: WaitingPullRequest[];
  hygiene: HygieneFigure[];
}

/** One line of the overview: a scope with its cycle time now and in the window before. */
export interface ScopeSummary {
  scope: Scope;
  count: number;
  cycleMedian: number | null;
  previousCycleMedian: number | null;
}

/** Where pages get their figures: the store in production, anything with this shape in a test. */
export interface FiguresSource {
  /** Every organisation and repository with merged PRs, with the cycle time of `range`. */
  summaries(range: DateRange): Promise<ScopeSummary[]>;
  figures(params: { scope: Scope; range: DateRange; now: Date }): Promise<ScopeFigures>;
}

export function scopeName(scope: Scope): string {
  return scope.repo ? `${scope.owner}/${scope.repo}` : scope.owner;
}
