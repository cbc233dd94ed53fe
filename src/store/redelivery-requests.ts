import type { Db } from "./db.js";

export async function requestedRedeliveries(db: Db, guids: string[]): Promise<Set<string>> {
  if (guids.length === 0) return new Set();
  const rows = await db.kysely.selectFrom("redelivery_requests").select("delivery_guid").where("delivery_guid", "in", guids).execute();
  return new Set(rows.map((row) => row.delivery_guid));
}

export async function recordRedeliveryRequest(db: Db, params: { hookDeliveryId: number; guid: string; at: number }): Promise<void> {
  await db.kysely
    .insertInto("redelivery_requests")
    .values({ hook_delivery_id: params.hookDeliveryId, delivery_guid: params.guid, requested_at: params.at })
    .onConflict((oc) => oc.column("hook_delivery_id").doNothing())
    .execute();
}
