import type { HookDelivery } from "../github/list-failed-hook-deliveries.js";

/**
 * Which deliveries to ask GitHub to send again: every delivery id none of whose attempts
 * succeeded, that the inbox does not have, and for which no redelivery was requested yet.
 * Picks the newest failed attempt of each id.
 */
export function deliveriesToRedeliver(params: {
  deliveries: HookDelivery[];
  inInbox: Set<string>;
  alreadyRequested: Set<string>;
}): HookDelivery[] {
  const byGuid = new Map<string, HookDelivery[]>();
  for (const delivery of params.deliveries) {
    const list = byGuid.get(delivery.guid) ?? [];
    list.push(delivery);
    byGuid.set(delivery.guid, list);
  }
  const picked: HookDelivery[] = [];
  for (const [guid, attempts] of byGuid) {
    if (params.inInbox.has(guid) || params.alreadyRequested.has(guid)) continue;
    if (attempts.some((attempt) => attempt.statusCode >= 200 && attempt.statusCode < 300)) continue;
    const newest = attempts.reduce((a, b) => (Date.parse(a.deliveredAt) >= Date.parse(b.deliveredAt) ? a : b));
    picked.push(newest);
  }
  return picked;
}
