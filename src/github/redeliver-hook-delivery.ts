import type { GitHub } from "./octokit.js";

/** Asks GitHub to send a past delivery again (`POST /app/hook/deliveries/{id}/attempts`). */
export async function redeliverHookDelivery(params: { appOctokit: GitHub; deliveryId: number }): Promise<void> {
  await params.appOctokit.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: params.deliveryId });
}
