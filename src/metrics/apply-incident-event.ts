import type { IncidentIssueEvent, IncidentIssueRow } from "../model/incident-issue.js";

/**
 * Folds an `issues` event into the stored incident row so that any delivery order and any
 * redelivery give the same row: the snapshot with the newest `updated_at` decides the labels
 * and the closed state (so un-labelling, closing and reopening are read from timestamps, not
 * arrival); the opening time is the earliest seen; deletion and transfer are final. Two
 * snapshots of the same second cannot be ordered: the label's removal and the closing win, so
 * the result still does not depend on which arrived first.
 */
export function applyIncidentEvent(stored: IncidentIssueRow | undefined, event: IncidentIssueEvent): IncidentIssueRow {
  if (event.kind === "gone") {
    // Nothing else about a gone issue matters: it never counts again, whatever arrives later.
    if (!stored) return { repoId: event.repoId, number: event.number, title: null, openedAt: event.at, closedAt: null, labelled: false, goneAt: event.at, snapshotAt: event.at };
    return { ...stored, goneAt: stored.goneAt === null ? event.at : Math.min(stored.goneAt, event.at) };
  }
  const fresh: IncidentIssueRow = { repoId: event.repoId, number: event.number, title: event.title, openedAt: event.openedAt, closedAt: event.closedAt, labelled: event.labelled, goneAt: null, snapshotAt: event.asOf };
  if (!stored) return fresh;
  const openedAt = Math.min(stored.openedAt, event.openedAt);
  if (event.asOf > stored.snapshotAt) return { ...fresh, openedAt, goneAt: stored.goneAt };
  if (event.asOf < stored.snapshotAt) return { ...stored, openedAt };
  return {
    ...stored,
    title: stored.title ?? event.title,
    openedAt,
    labelled: stored.labelled && event.labelled,
    closedAt: stored.closedAt ?? event.closedAt,
  };
}
