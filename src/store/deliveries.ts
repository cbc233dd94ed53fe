import { sql } from "kysely";
import type { Db } from "./db.js";
import type { DeliveriesTable } from "./tables.js";

export type StoredDelivery = DeliveriesTable;

export interface NewDelivery {
  deliveryId: string;
  event: string;
  action: string | null;
  installationId: number | null;
  lockKey: string;
  payload: string;
  receivedAt: number;
}

/** Writes a verified delivery to the inbox; a redelivery (same id) changes nothing. */
export async function insertDelivery(db: Db, delivery: NewDelivery): Promise<"inserted" | "duplicate"> {
  const result = await db.kysely
    .insertInto("deliveries")
    .values({
      delivery_id: delivery.deliveryId,
      event: delivery.event,
      action: delivery.action,
      installation_id: delivery.installationId,
      lock_key: delivery.lockKey,
      payload: delivery.payload,
      status: "pending",
      attempts: 0,
      received_at: delivery.receivedAt,
      next_attempt_at: delivery.receivedAt,
      locked_by: null,
      locked_until: null,
      last_error: null,
      finished_at: null,
    })
    .onConflict((oc) => oc.column("delivery_id").doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? "inserted" : "duplicate";
}

/** Due, or held by a worker whose lease ran out (it died, or lost the store). */
function claimableAt(now: number) {
  return sql`((status = 'pending' and next_attempt_at <= ${now}) or (status = 'processing' and locked_until < ${now}))`;
}

/**
 * Makes a dead letter of every claimable delivery that has used up its `maxAttempts`, and returns
 * them. A delivery is only dead-lettered by its worker's error handler when its handler throws; one
 * that kills the process (out of memory, a native crash) never gets there, so without this it
 * would be claimed again after every restart and take the process down each time. Run before
 * claiming, it turns that crash loop into a dead letter after the last attempt.
 */
export async function deadLetterExhausted(db: Db, params: { now: number; maxAttempts: number }): Promise<Array<Pick<StoredDelivery, "delivery_id" | "event" | "attempts" | "last_error">>> {
  const { now, maxAttempts } = params;
  const reason = `all ${maxAttempts} attempts used up; the last never finished (the process died or lost its lease while handling it)`;
  const result = await sql<Pick<StoredDelivery, "delivery_id" | "event" | "attempts" | "last_error">>`
    update deliveries
       set status = 'dead', finished_at = ${now}, locked_by = null, locked_until = null,
           last_error = ${reason} || coalesce(${"; the attempt before: "} || last_error, '')
     where ${claimableAt(now)} and attempts >= ${maxAttempts}
    returning delivery_id, event, attempts, last_error`.execute(db.kysely);
  return result.rows;
}

/**
 * Claims up to `limit` deliveries that are due, or whose lease expired (their worker died), for
 * `worker` until `now + leaseMs`. Fair across installations: candidates are taken round-robin
 * (each installation's oldest first), at most `perInstallation` of one installation per claim and
 * none of `skipInstallations` (those this worker already has enough of in flight), so one
 * organisation's burst cannot fill every worker while the others wait behind it.
 * The UPDATE re-checks that each row is still claimable, so two processes racing for the same
 * candidate cannot both get it. Claiming counts as an attempt; with `maxAttempts`, a delivery
 * that has used them all is never claimed (`deadLetterExhausted` makes it a dead letter), so one
 * that crashes its process every time still ends as a dead letter.
 */
export async function claimDeliveries(
  db: Db,
  params: { worker: string; limit: number; now: number; leaseMs: number; perInstallation?: number; skipInstallations?: number[]; maxAttempts?: number },
): Promise<StoredDelivery[]> {
  const { worker, limit, now, leaseMs } = params;
  const perInstallation = params.perInstallation ?? limit;
  const skip = params.skipInstallations ?? [];
  const withAttemptsLeft = params.maxAttempts === undefined ? sql`` : sql`and attempts < ${params.maxAttempts}`;
  const claimable = sql`(${claimableAt(now)} ${withAttemptsLeft})`;
  const notSkipped = skip.length > 0 ? sql`and coalesce(installation_id, 0) not in (${sql.join(skip)})` : sql``;
  const candidates = await sql<{ delivery_id: string }>`
    select delivery_id from (
      select delivery_id, received_at,
             row_number() over (partition by coalesce(installation_id, 0) order by received_at) as turn
        from deliveries
       where ${claimable} ${notSkipped}
    ) ranked
     where turn <= ${perInstallation}
     order by turn, received_at
     limit ${limit}`.execute(db.kysely);
  const ids = candidates.rows.map((row) => row.delivery_id);
  if (ids.length === 0) return [];
  const result = await sql<StoredDelivery>`
    update deliveries
       set status = 'processing', locked_by = ${worker}, locked_until = ${now + leaseMs}, attempts = attempts + 1
     where delivery_id in (${sql.join(ids)}) and ${claimable}
    returning *`.execute(db.kysely);
  // UPDATE … RETURNING keeps no order: restore oldest first.
  return result.rows
    .map((row) => ({ ...row, installation_id: row.installation_id === null ? null : Number(row.installation_id) }))
    .sort((a, b) => Number(a.received_at) - Number(b.received_at));
}

/** Marks a claimed delivery done, if this worker still holds it. */
export async function completeDelivery(db: Db, params: { deliveryId: string; worker: string; now: number }): Promise<void> {
  await db.kysely
    .updateTable("deliveries")
    .set({ status: "done", finished_at: params.now, locked_by: null, locked_until: null, last_error: null })
    .where("delivery_id", "=", params.deliveryId)
    .where("locked_by", "=", params.worker)
    .execute();
}

/**
 * Records a failed attempt: due again at `retryAt`, or a dead letter when `retryAt` is null. With
 * `refundAttempt` the attempt is given back (the delivery waited on something that was not its
 * fault, such as memory), so waiting never brings it nearer its last attempt.
 */
export async function failDelivery(db: Db, params: { deliveryId: string; worker: string; error: string; retryAt: number | null; now: number; refundAttempt?: boolean }): Promise<void> {
  await db.kysely
    .updateTable("deliveries")
    .set((eb) => ({
      ...(params.refundAttempt ? { attempts: sql<number>`case when ${eb.ref("attempts")} > 0 then ${eb.ref("attempts")} - 1 else 0 end` } : {}),
      status: params.retryAt === null ? "dead" : "pending",
      next_attempt_at: params.retryAt ?? params.now,
      finished_at: params.retryAt === null ? params.now : null,
      locked_by: null,
      locked_until: null,
      last_error: params.error.slice(0, 4000),
    }))
    .where("delivery_id", "=", params.deliveryId)
    .where("locked_by", "=", params.worker)
    .execute();
}

/** Keeps the leases of deliveries still being worked on. */
export async function extendLeases(db: Db, params: { deliveryIds: string[]; worker: string; until: number }): Promise<void> {
  if (params.deliveryIds.length === 0) return;
  await db.kysely
    .updateTable("deliveries")
    .set({ locked_until: params.until })
    .where("delivery_id", "in", params.deliveryIds)
    .where("locked_by", "=", params.worker)
    .execute();
}

/**
 * Hands claimed deliveries back (shutdown), or every claim of a dead single-process run (SQLite
 * start). With `refundAttempt` (a graceful hand-back: the work was interrupted, it did not fail)
 * the claim's attempt is given back; a crashed run's claims keep theirs, so a delivery that kills
 * the process still runs out of attempts.
 */
export async function releaseDeliveries(db: Db, params: { worker?: string; deliveryIds?: string[]; refundAttempt?: boolean }): Promise<number> {
  let query = db.kysely
    .updateTable("deliveries")
    .set((eb) => ({ status: "pending", locked_by: null, locked_until: null, ...(params.refundAttempt ? { attempts: sql<number>`case when ${eb.ref("attempts")} > 0 then ${eb.ref("attempts")} - 1 else 0 end` } : {}) }))
    .where("status", "=", "processing");
  if (params.worker !== undefined) query = query.where("locked_by", "=", params.worker);
  if (params.deliveryIds !== undefined) {
    if (params.deliveryIds.length === 0) return 0;
    query = query.where("delivery_id", "in", params.deliveryIds);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function getDelivery(db: Db, deliveryId: string): Promise<StoredDelivery | undefined> {
  return db.kysely.selectFrom("deliveries").selectAll().where("delivery_id", "=", deliveryId).executeTakeFirst();
}

/** Which of these delivery ids the inbox already has. */
export async function knownDeliveryIds(db: Db, deliveryIds: string[]): Promise<Set<string>> {
  if (deliveryIds.length === 0) return new Set();
  const rows = await db.kysely.selectFrom("deliveries").select("delivery_id").where("delivery_id", "in", deliveryIds).execute();
  return new Set(rows.map((row) => row.delivery_id));
}

export async function listDeadDeliveries(db: Db, limit = 100): Promise<Array<Omit<StoredDelivery, "payload">>> {
  return db.kysely
    .selectFrom("deliveries")
    .select(["delivery_id", "event", "action", "installation_id", "lock_key", "status", "attempts", "received_at", "next_attempt_at", "locked_by", "locked_until", "last_error", "finished_at"])
    .where("status", "=", "dead")
    .orderBy("received_at", "desc")
    .limit(limit)
    .execute();
}

/** Puts dead letters back in the inbox with a fresh set of attempts, due at once. */
export async function retryDeadDeliveries(db: Db, params: { deliveryIds: string[] | "all" }): Promise<number> {
  let query = db.kysely
    .updateTable("deliveries")
    .set({ status: "pending", attempts: 0, next_attempt_at: 0, finished_at: null })
    .where("status", "=", "dead");
  if (params.deliveryIds !== "all") {
    if (params.deliveryIds.length === 0) return 0;
    query = query.where("delivery_id", "in", params.deliveryIds);
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** Deliveries not yet done, by status (done ones are not counted: that table only grows). */
export async function inboxCounts(db: Db): Promise<Record<"pending" | "processing" | "dead", number>> {
  const rows = await db.kysely
    .selectFrom("deliveries")
    .select(["status", (eb) => eb.fn.countAll<number>().as("count")])
    .where("status", "!=", "done")
    .groupBy("status")
    .execute();
  const counts = { pending: 0, processing: 0, dead: 0 };
  for (const row of rows) if (row.status !== "done") counts[row.status] = Number(row.count);
  return counts;
}

/** Drops the payloads of long-done deliveries; their ids stay so redeliveries are still recognised. */
export async function pruneDeliveries(db: Db, params: { finishedBefore: number }): Promise<number> {
  const result = await db.kysely
    .updateTable("deliveries")
    .set({ payload: "" })
    .where("status", "=", "done")
    .where("finished_at", "<", params.finishedBefore)
    .where("payload", "!=", "")
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
