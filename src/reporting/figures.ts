import { CHECK_KEYS, type CheckKey } from "../model/checks.js";

/**
 * The figures the dashboard and the digest show, as plain data. Loaded from the store by
 * `load-figures.ts`; everything that renders them is a pure function of these types.
 * Durations are milliseconds; dates are ISO-8601 UTC strings.
 */

import type { Phase, StagePhase } from "../metrics/definitions.js";
import type { ViewerScope } from "../auth/viewer-scope.js";

/** An organisation (`repo` and `team` absent), one repository, or one team of an organisation (`team`, no `repo`). */
export interface Scope {
  owner: string;
  repo?: string;
  /** A team of `owner` (metrics.teams or its GitHub teams): its PRs across the organisation's repositories. */
  team?: string;
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
  /** Its page on GitHub, as the payloads gave the repository's address; absent: build it from the host. */
  url?: string | null;
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
  missed: { repo: string; number: number; url?: string | null }[];
}

/** How current a scope's figures are, and what may still be missing from them. */
export interface Freshness {
  /** The newest fact recorded for any of its repositories (ISO), null when none. */
  lastUpdatedAt: string | null;
  /** Backfills not yet done, and the failed ones with their reason. */
  backfills: BackfillStatus[];
  /** PRs merged in the range, and those of them not yet in a production deployment (repos that deploy). */
  merged: number;
  awaitingDeployment: number;
}

export interface BackfillStatus {
  repo: string;
  state: "pending" | "running" | "done" | "failed";
  phase: string;
  done: number;
  total: number | null;
  /** When it last moved (ISO). */
  updatedAt: string;
  lastError: string | null;
}

/** Everything a repository or organisation page shows. */
export interface ScopeFigures {
  scope: Scope;
  /** False when Shipshape has recorded nothing for the scope (an unknown repository or organisation). */
  known: boolean;
  range: DateRange;
  /** Medians over every PR merged in the whole range (`week` is the range's first day). */
  total: PhaseWeek;
  weeks: PhaseWeek[];
  dora: DoraFigure[];
  sizes: SizeBucket[];
  waiting: WaitingPullRequest[];
  /** PRs waiting for review, not shown in `waiting` because nothing happened on them within the active cut-off. */
  waitingStale: number;
  hygiene: HygieneFigure[];
  freshness: Freshness;
  /** An organisation's teams, by name (each has its own page); empty for a repository or a team. */
  teams: string[];
}

/** One merged PR as the PR list shows it (drill-down from a week or a phase). */
export interface PullListItem {
  repo: string;
  number: number;
  /** Its page on GitHub, from the repository's stored address; null or absent: build it from the host. */
  url?: string | null;
  title: string | null;
  author: string | null;
  /** ISO time. */
  mergedAt: string;
  phases: Record<Phase, number | null>;
  /** Lines added + removed; null when unknown. */
  lines: number | null;
  /** Its size bucket (XS..XL), null when unknown. */
  size: string | null;
  hygiene: Record<CheckKey, string | null>;
}

/** One repository on the overview: what needs attention first. */
export interface OverviewRow {
  scope: { owner: string; repo: string };
  count: number;
  cycleMedian: number | null;
  previousCycleMedian: number | null;
  /** Median cycle time of each of the 12 weeks up to the range's end, oldest first. */
  sparkline: { week: string; cycle: number | null; count: number }[];
  dora: DoraFigure[];
  /** Open PRs waiting for review: active within the cut-off, and stale. */
  waiting: { active: number; stale: number };
  lastUpdatedAt: string | null;
  backfill: BackfillStatus | null;
  /** Why it is near the top, in words ("2 DORA keys low"); the higher `attention`, the sooner it is listed. */
  reasons: string[];
  attention: number;
}

/** One line of the overview: a scope with its cycle time now and in the window before. */
export interface ScopeSummary {
  scope: Scope;
  count: number;
  cycleMedian: number | null;
  previousCycleMedian: number | null;
}

/**
 * Where pages get their figures: the store in production, anything with this shape in a test.
 * Every method takes the `viewer`'s scope and counts only the repositories it may see (ADR 0076):
 * a scope with none of them is unknown. The digest and the CLI, run by the operator, pass `{ kind: "all" }`.
 */
export interface FiguresSource {
  /** Every organisation and repository with merged PRs, with the cycle time of `range`. */
  summaries(params: { range: DateRange; viewer: ViewerScope }): Promise<ScopeSummary[]>;
  figures(params: { scope: Scope; range: DateRange; now: Date; viewer: ViewerScope }): Promise<ScopeFigures>;
  /** Every repository with its DORA keys, sparkline and waiting PRs, most in need of attention first. */
  overview(params: { range: DateRange; now: Date; viewer: ViewerScope }): Promise<OverviewRow[]>;
  /** The PRs merged in the range, newest first; null when Shipshape knows nothing of the scope. */
  pulls(params: { scope: Scope; range: DateRange; viewer: ViewerScope }): Promise<PullListItem[] | null>;
}

export function scopeName(scope: Scope): string {
  if (scope.team !== undefined) return `${scope.owner} team ${scope.team}`;
  return scope.repo ? `${scope.owner}/${scope.repo}` : scope.owner;
}
