import type { PullRequestRecord } from "../model/pull-request-record.js";
import { phaseDurations, type Phase } from "./definitions.js";

export interface PullRequestRow {
  repo: string;
  record: PullRequestRecord;
  /** Phase durations in milliseconds (null = not applicable or not yet known). */
  phases: Record<Phase, number | null>;
}

/** The stored PRs (`listPullRequestRows`) with their phase durations. */
export function pullRequestPhases(stored: { rows: readonly { repo: string; record: PullRequestRecord }[]; productionSince: ReadonlyMap<number, number> }): PullRequestRow[] {
  return stored.rows.map(({ repo, record }) => ({ repo, record, phases: phaseDurations(record, stored.productionSince.get(record.repoId) ?? null) }));
}
