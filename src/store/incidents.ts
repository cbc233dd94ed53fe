import type { Db } from "./db.js";

export interface IncidentRecord {
  repoId: number;
  number: number;
  title: string | null;
  openedAt: number;
  closedAt: number | null;
}

/**
 * Stores an incident issue as one payload showed it; `asOf` (the issue's `updated_at`) orders
 * snapshots so an older event never reopens or recloses it.
 */
export async function recordIncident(db: Db, params: IncidentRecord & { asOf: number }): Promise<void> {
  await db.withLock(`metrics:incident:${params.repoId}:${params.number}`, async () => {
    const stored = await db.kysely
      .selectFrom("incidents")
      .selectAll()
      .where("repo_id", "=", params.repoId)
      .where("number", "=", params.number)
      .executeTakeFirst();
    const newer = !stored || params.asOf >= stored.snapshot_at;
    const row = {
      repo_id: params.repoId,
      number: params.number,
      title: newer ? params.title : stored.title,
      opened_at: stored ? Math.min(stored.opened_at, params.openedAt) : params.openedAt,
      closed_at: newer ? params.closedAt : stored.closed_at,
      snapshot_at: newer ? params.asOf : stored.snapshot_at,
    };
    await db.kysely
      .insertInto("incidents")
      .values(row)
      .onConflict((oc) => oc.columns(["repo_id", "number"]).doUpdateSet({ title: row.title, opened_at: row.opened_at, closed_at: row.closed_at, snapshot_at: row.snapshot_at }))
      .execute();
  });
}

/** True when the issue was recorded as an incident before (its label may since have gone). */
export async function isKnownIncident(db: Db, key: { repoId: number; number: number }): Promise<boolean> {
  const row = await db.kysely.selectFrom("incidents").select("number").where("repo_id", "=", key.repoId).where("number", "=", key.number).executeTakeFirst();
  return row !== undefined;
}

/** Incidents of the repos opened before `to` and not closed before `from` (they can touch the window). */
export async function listIncidents(db: Db, params: { repoIds: readonly number[]; from: number; to: number }): Promise<IncidentRecord[]> {
  if (params.repoIds.length === 0) return [];
  const rows = await db.kysely
    .selectFrom("incidents")
    .selectAll()
    .where("repo_id", "in", params.repoIds)
    .where("opened_at", "<", params.to)
    .where((eb) => eb.or([eb("closed_at", "is", null), eb("closed_at", ">=", params.from)]))
    .orderBy("opened_at")
    .execute();
  return rows.map((row) => ({ repoId: Number(row.repo_id), number: row.number, title: row.title, openedAt: row.opened_at, closedAt: row.closed_at }));
}
