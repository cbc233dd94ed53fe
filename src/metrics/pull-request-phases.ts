import type { PullRequestRecord } from "../model/pull-request-record.js";
import { phaseDurations, type Phase } from "./definitions.js";
import { pullRequestRework, type PullRequestRework, type ReviewFact } from "./rework.js";
import type { WorkingSpan } from "./working-hours.js";

export interface PullRequestRow {
  repo: string;
  record: PullRequestRecord;
  /** Phase durations in milliseconds (null = not applicable or not yet known). */
  phases: Record<Phase, number | null>;
  /** The same with pickup and review in working hours (ADR 0065); present when working hours were given. */
  workingPhases?: Record<Phase, number | null>;
  /** What review took (ADR 0064); present when the PR's reviews were given. */
  rework?: PullRequestRework;
}

/**
 * The stored PRs (`listPullRequestRows`) with their phase durations; with `reviews` (keyed
 * `repoId#number`) their rework, with `working` their phases in working hours too.
 */
export function pullRequestPhases(
  stored: { rows: readonly { repo: string; record: PullRequestRecord }[]; productionSince: ReadonlyMap<number, number> },
  extra: { reviews?: ReadonlyMap<string, readonly ReviewFact[]>; working?: (repoId: number) => WorkingSpan } = {},
): PullRequestRow[] {
  return stored.rows.map(({ repo, record }) => {
    const since = stored.productionSince.get(record.repoId) ?? null;
    const row: PullRequestRow = { repo, record, phases: phaseDurations(record, since) };
    if (extra.working) row.workingPhases = phaseDurations(record, since, extra.working(record.repoId));
    if (extra.reviews) row.rework = pullRequestRework({ author: record.author ?? "", mergedAt: record.mergedAt, reviews: extra.reviews.get(`${record.repoId}#${record.number}`) ?? [] });
    return row;
  });
}
