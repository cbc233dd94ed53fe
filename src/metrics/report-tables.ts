import type { CycleTimeRow } from "./cycle-time-report.js";
import type { PullRequestRow } from "./pull-request-phases.js";
import { CHECK_KEYS, type CheckKey } from "../model/checks.js";
import type { Cell } from "./csv.js";
import { PHASES } from "./definitions.js";
import type { DoraKeys } from "./dora.js";
import { prSize } from "./pr-size.js";
import type { ReviewerLoad, ReworkFigures } from "./rework.js";

const iso = (time: number | null) => (time === null ? null : new Date(time).toISOString());
const secs = (ms: number | null) => (ms === null ? null : Math.round(ms / 1000));

/**
 * Stable column names of the per-PR rows (JSON keys and CSV header alike). Never rename them;
 * one column per check of the registry, in its order.
 */
export const PULL_COLUMNS = [
  "repo", "number", "title", "author", "author_is_bot", "first_commit_at", "opened_at", "ready_at", "first_review_at", "first_approval_at",
  "merged_at", "closed_at", "deployed_at", "additions", "deletions", "changed_files", ...CHECK_KEYS,
  "coding_seconds", "pickup_seconds", "review_seconds", "deploy_seconds", "cycle_seconds",
  // Issue 16 (ADRs 0064, 0065): added after the first columns, so existing readers keep their positions.
  "size", "final_approval_at", "rework_seconds", "review_cycles", "pickup_working_seconds", "review_working_seconds",
] as const;

export function pullRow({ repo, record: r, phases, workingPhases, rework }: PullRequestRow): Record<(typeof PULL_COLUMNS)[number], Cell> {
  return {
    repo, number: r.number, title: r.title, author: r.author, author_is_bot: r.authorIsBot,
    first_commit_at: iso(r.firstCommitAt), opened_at: iso(r.openedAt), ready_at: iso(r.readyAt), first_review_at: iso(r.firstReviewAt),
    first_approval_at: iso(r.firstApprovalAt), merged_at: iso(r.mergedAt), closed_at: iso(r.closedAt), deployed_at: iso(r.deployedAt),
    additions: r.additions, deletions: r.deletions, changed_files: r.changedFiles,
    ...(Object.fromEntries(CHECK_KEYS.map((check) => [check, r.hygiene[check]])) as Record<CheckKey, Cell>),
    coding_seconds: secs(phases.coding), pickup_seconds: secs(phases.pickup), review_seconds: secs(phases.review), deploy_seconds: secs(phases.deploy), cycle_seconds: secs(phases.cycle),
    size: prSize(r.additions, r.deletions), final_approval_at: iso(rework?.finalApprovalAt ?? null), rework_seconds: secs(rework?.reworkMs ?? null), review_cycles: rework?.reviewCycles ?? null,
    pickup_working_seconds: secs(workingPhases?.pickup ?? null), review_working_seconds: secs(workingPhases?.review ?? null),
  };
}

export const CYCLE_TIME_COLUMNS = ["bucket_start", "group", "phase", "count", "median_seconds", "p75_seconds", "p90_seconds"] as const;

/** One row per bucket, group and phase: the long shape BI tools pivot easily. */
export function cycleTimeRows(rows: readonly CycleTimeRow[]): Array<Record<(typeof CYCLE_TIME_COLUMNS)[number], Cell>> {
  const round = (value: number | null) => (value === null ? null : Math.round(value));
  return rows.flatMap((row) =>
    PHASES.map((phase) => {
      const d = row.phases[phase];
      return { bucket_start: iso(row.start), group: row.group, phase, count: d.count, median_seconds: round(d.median), p75_seconds: round(d.p75), p90_seconds: round(d.p90) };
    }),
  );
}

export const DORA_COLUMNS = ["key", "value", "unit", "sample", "band"] as const;

export function doraRows(keys: DoraKeys): Array<Record<(typeof DORA_COLUMNS)[number], Cell>> {
  const { deployment_frequency: df, lead_time: lt, change_failure_rate: cfr, time_to_restore: ttr, failed_deployment_recovery_time: fdrt } = keys;
  return [
    { key: "deployment_frequency", value: df.per_day, unit: "per_day", sample: df.deployments, band: df.band },
    { key: "deployment_frequency", value: df.per_week, unit: "per_week", sample: df.deployments, band: df.band },
    { key: "lead_time", value: lt.median_seconds, unit: "median_seconds", sample: lt.changes, band: lt.band },
    { key: "change_failure_rate", value: cfr.rate, unit: "ratio", sample: cfr.deployments, band: cfr.band },
    { key: "deployment_frequency", value: df.median_deploy_days_per_week, unit: "median_deploy_days_per_week", sample: df.deploy_days, band: df.band },
    { key: "time_to_restore", value: ttr.median_seconds, unit: "median_seconds", sample: ttr.incidents, band: ttr.band },
    { key: "failed_deployment_recovery_time", value: fdrt.median_seconds, unit: "median_seconds", sample: fdrt.recoveries, band: fdrt.band },
  ];
}

export const REWORK_COLUMNS = ["key", "value", "unit", "sample"] as const;

/** The rework figures of a window in the long key/value shape of the DORA table. */
export function reworkRows(figures: ReworkFigures): Array<Record<(typeof REWORK_COLUMNS)[number], Cell>> {
  const { rework_seconds: rework, review_cycles: cycles } = figures;
  const round = (value: number | null) => (value === null ? null : Math.round(value));
  return [
    { key: "merged", value: figures.merged, unit: "count", sample: figures.merged },
    { key: "merged_without_review", value: figures.merged_without_review, unit: "count", sample: figures.merged },
    { key: "rework", value: round(rework.median), unit: "median_seconds", sample: rework.count },
    { key: "rework", value: round(rework.p75), unit: "p75_seconds", sample: rework.count },
    { key: "rework", value: round(rework.p90), unit: "p90_seconds", sample: rework.count },
    { key: "review_cycles", value: cycles.total, unit: "total", sample: cycles.distribution.count },
    { key: "review_cycles", value: cycles.mean, unit: "mean", sample: cycles.distribution.count },
    { key: "review_cycles", value: cycles.prs_with_rework, unit: "prs_with_rework", sample: cycles.distribution.count },
  ];
}

export const REVIEWER_COLUMNS = ["reviewer", "reviews", "pull_requests", "approvals", "changes_requested"] as const;

export function reviewerRows(loads: readonly ReviewerLoad[]): Array<Record<(typeof REVIEWER_COLUMNS)[number], Cell>> {
  return loads.map((load) => ({ ...load }));
}
