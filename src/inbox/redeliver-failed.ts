import type { GitHub } from "../github/octokit.js";
import { listRecentHookDeliveries } from "../github/list-failed-hook-deliveries.js";
import { redeliverHookDelivery } from "../github/redeliver-hook-delivery.js";
import type { Db } from "../store/db.js";
import { knownDeliveryIds } from "../store/deliveries.js";
import { recordRedeliveryRequest, requestedRedeliveries } from "../store/redelivery-requests.js";
import { deliveriesToRedeliver } from "./failed-deliveries.js";

/**
 * Asks GitHub for the app's recent deliveries that never reached the inbox (the app was down,
 * or answered 5xx) and has them sent again. Run at start and every few minutes, so an outage of
 * the app itself loses nothing. Returns how many were requested.
 */
export async function redeliverFailed(params: { appOctokit: GitHub; db: Db; now: Date; windowMs: number }): Promise<number> {
  const { appOctokit, db, now, windowMs } = params;
  const deliveries = await listRecentHookDeliveries({ appOctokit, since: now.getTime() - windowMs });
  const guids = [...new Set(deliveries.map((delivery) => delivery.guid))];
  const picked = deliveriesToRedeliver({
    deliveries,
    inInbox: await knownDeliveryIds(db, guids),
    alreadyRequested: await requestedRedeliveries(db, guids),
  });
  for (const delivery of picked) {
    await redeliverHookDelivery({ appOctokit, deliveryId: delivery.id });
    await recordRedeliveryRequest(db, { hookDeliveryId: delivery.id, guid: delivery.guid, at: now.getTime() });
  }
  return picked.length;
}
