/**
 * An issue as the incident recorder stores it (issue 16, bug 3): whether it counts depends on
 * the newest snapshot's labels, and a deleted or transferred issue never counts again.
 */
export interface IncidentIssueRow {
  repoId: number;
  number: number;
  title: string | null;
  openedAt: number;
  closedAt: number | null;
  /** Whether the newest snapshot carried an incident label. */
  labelled: boolean;
  /** When it was deleted or transferred out of the repo: it is gone for good. */
  goneAt: number | null;
  /** `updated_at` of the newest snapshot folded in. */
  snapshotAt: number;
}

/** What one `issues` delivery (or a backfilled issue) says about a possible incident. */
export type IncidentIssueEvent =
  | { kind: "snapshot"; repoId: number; number: number; title: string; openedAt: number; closedAt: number | null; labelled: boolean; asOf: number }
  | { kind: "gone"; repoId: number; number: number; at: number };

export type FoldIncidentIssueEvent = (stored: IncidentIssueRow | undefined, event: IncidentIssueEvent) => IncidentIssueRow;
