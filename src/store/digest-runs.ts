import type { Db } from "./db.js";

/**
 * Claims the digest of (target, period) for this process: true for exactly one caller per pair,
 * across processes, because the row's primary key refuses a second insert.
 */
export async function claimDigestRun(db: Db, params: { target: string; period: string; claimedBy: string; now: number }): Promise<boolean> {
  const result = await db.kysely
    .insertInto("digest_runs")
    .values({ target: params.target, period: params.period, claimed_by: params.claimedBy, claimed_at: params.now, status: "posting", attempts: 0, finished_at: null, last_error: null })
    .onConflict((oc) => oc.columns(["target", "period"]).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function finishDigestRun(
  db: Db,
  params: { target: string; period: string; status: "posted" | "failed"; attempts: number; error: string | null; now: number },
): Promise<void> {
  await db.kysely
    .updateTable("digest_runs")
    .set({ status: params.status, attempts: params.attempts, last_error: params.error, finished_at: params.now })
    .where("target", "=", params.target)
    .where("period", "=", params.period)
    .execute();
}

export interface DigestRun {
  target: string;
  period: string;
  status: string;
  attempts: number;
  claimedBy: string;
  lastError: string | null;
}

export async function listDigestRuns(db: Db, params: { period?: string } = {}): Promise<DigestRun[]> {
  let query = db.kysely.selectFrom("digest_runs").selectAll().orderBy("target");
  if (params.period) query = query.where("period", "=", params.period);
  const rows = await query.execute();
  return rows.map((r) => ({ target: r.target, period: r.period, status: r.status, attempts: r.attempts, claimedBy: r.claimed_by, lastError: r.last_error }));
}
