import type { FoldIncidentIssueEvent, IncidentIssueEvent, IncidentIssueRow } from "../model/incident-issue.js";
import type { Db } from "./db.js";
import type { IncidentsTable } from "./tables.js";

export interface IncidentRecord {
  repoId: number;
  number: number;
  title: string | null;
  openedAt: number;
  closedAt: number | null;
}

/**
 * Folds one issue event into its stored row with `fold` (`applyIncidentEvent`, src/metrics/),
 * serialised per issue so concurrent deliveries cannot lose one another.
 */
export async function recordIncidentEvent(db: Db, event: IncidentIssueEvent, fold: FoldIncidentIssueEvent): Promise<IncidentIssueRow> {
  return db.withLock(`metrics:incident:${event.repoId}:${event.number}`, async () => {
    const stored = await getIncidentIssue(db, event);
    const next = fold(stored, event);
    const row = {
      repo_id: next.repoId,
      number: next.number,
      title: next.title,
      opened_at: next.openedAt,
      closed_at: next.closedAt,
      snapshot_at: next.snapshotAt,
      labelled: next.labelled ? 1 : 0,
      gone_at: next.goneAt,
    };
    await db.kysely
      .insertInto("incidents")
      .values(row)
      .onConflict((oc) =>
        oc.columns(["repo_id", "number"]).doUpdateSet({ title: row.title, opened_at: row.opened_at, closed_at: row.closed_at, snapshot_at: row.snapshot_at, labelled: row.labelled, gone_at: row.gone_at }),
      )
      .execute();
    return next;
  });
}

/** The stored row of an issue the incident recorder has seen (labelled or not any more). */
export async function getIncidentIssue(db: Db, key: { repoId: number; number: number }): Promise<IncidentIssueRow | undefined> {
  const row = await db.kysely.selectFrom("incidents").selectAll().where("repo_id", "=", key.repoId).where("number", "=", key.number).executeTakeFirst();
  return row ? fromRow(row) : undefined;
}

/**
 * Incidents of the repos opened before `to` and not closed before `from` (they can touch the
 * window): issues whose newest snapshot carries an incident label and that are still in the repo.
 */
export async function listIncidents(db: Db, params: { repoIds: readonly number[]; from: number; to: number }): Promise<IncidentRecord[]> {
  if (params.repoIds.length === 0) return [];
  const rows = await db.kysely
    .selectFrom("incidents")
    .selectAll()
    .where("repo_id", "in", params.repoIds)
    .where("labelled", "=", 1)
    .where("gone_at", "is", null)
    .where("opened_at", "<", params.to)
    .where((eb) => eb.or([eb("closed_at", "is", null), eb("closed_at", ">=", params.from)]))
    .orderBy("opened_at")
    .execute();
  return rows.map((row) => ({ repoId: Number(row.repo_id), number: row.number, title: row.title, openedAt: row.opened_at, closedAt: row.closed_at }));
}

function fromRow(row: IncidentsTable): IncidentIssueRow {
  return {
    repoId: Number(row.repo_id),
    number: row.number,
    title: row.title,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    labelled: row.labelled === 1,
    goneAt: row.gone_at,
    snapshotAt: row.snapshot_at,
  };
}
