import type { GitHub } from "./octokit.js";

export interface HookDelivery {
  id: number;
  guid: string;
  deliveredAt: string;
  statusCode: number;
  redelivery: boolean;
  event: string;
}

/**
 * The app's webhook deliveries of the last `sinceMs` (newest first, `GET /app/hook/deliveries`,
 * app JWT). GitHub keeps them for 3 days; we stop paging once past the window.
 */
export async function listRecentHookDeliveries(params: { appOctokit: GitHub; since: number; maxPages?: number }): Promise<HookDelivery[]> {
  const { appOctokit, since } = params;
  const deliveries: HookDelivery[] = [];
  let pages = 0;
  for await (const page of appOctokit.paginate.iterator("GET /app/hook/deliveries", { per_page: 100 })) {
    pages++;
    let pastWindow = false;
    for (const delivery of page.data) {
      if (Date.parse(delivery.delivered_at) < since) {
        pastWindow = true;
        break;
      }
      deliveries.push({
        id: delivery.id,
        guid: delivery.guid,
        deliveredAt: delivery.delivered_at,
        statusCode: delivery.status_code,
        redelivery: delivery.redelivery,
        event: delivery.event,
      });
    }
    if (pastWindow || pages >= (params.maxPages ?? 10)) break;
  }
  return deliveries;
}
