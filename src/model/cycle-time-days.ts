/** Days are epoch ms divided by this (UTC). */
export const DAY_MS = 86_400_000;

/** The PR times the cycle-time report reads, in the order of a day's columns. */
export const CYCLE_TIME_COLUMNS = ["merged_at", "first_commit_at", "opened_at", "ready_at", "first_review_at", "deployed_at"] as const;

/**
 * One repo's PRs merged on one day: each column is the day's values joined by commas, in the same
 * order, "" for null; `grp` likewise holds the outcomes of the grouping check ("" without one).
 * Far fewer rows than PRs: materialising 100,000 row objects costs more than the whole report
 * (ADR 0043).
 */
export type CycleTimeDay = { repo_id: number; day: number; grp: string } & Record<(typeof CYCLE_TIME_COLUMNS)[number], string>;

/** What the cycle-time report is computed from: the merge days, and when each repo first deployed to production. */
export interface CycleTimeDays {
  days: CycleTimeDay[];
  productionSince: Map<number, number>;
}

/** The PR times lead time for changes is measured between, in the order of a day's columns. */
export const DEPLOYED_PR_COLUMNS = ["deployed_at", "first_commit_at", "opened_at"] as const;

/** One repo's PRs deployed on one day, each column comma-joined as in `CycleTimeDay` (ADR 0043). */
export type DeployedPrDay = { repo_id: number; day: number } & Record<(typeof DEPLOYED_PR_COLUMNS)[number], string>;
