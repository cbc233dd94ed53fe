import type { Delivery } from "./deliveries.js";

export interface SendResult {
  /** Milliseconds from sending each delivery to the end of its answer, in sending order. */
  latencies: number[];
  statuses: number[];
  elapsedMs: number;
}

/** POSTs one delivery, as GitHub would, and reads the whole answer. */
export async function sendDelivery(url: string, delivery: Delivery): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, { method: "POST", headers: delivery.headers, body: delivery.body });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

/**
 * Sends every delivery with at most `concurrency` in flight. With several `urls` the deliveries
 * go round-robin over them, like a load balancer in front of replicas. A refused connection
 * (a replica that died) counts as status 0 and, like GitHub's "Redeliver", can be sent again by
 * the caller.
 */
export async function sendAll(urls: string | string[], deliveries: readonly Delivery[], options: { concurrency: number }): Promise<SendResult> {
  const targets = Array.isArray(urls) ? urls : [urls];
  const latencies: number[] = new Array<number>(deliveries.length).fill(0);
  const statuses: number[] = new Array<number>(deliveries.length).fill(0);
  let next = 0;
  const started = performance.now();
  const worker = async (): Promise<void> => {
    while (next < deliveries.length) {
      const index = next++;
      const delivery = deliveries[index] as Delivery;
      const url = targets[index % targets.length] as string;
      try {
        const { status, ms } = await sendDelivery(url, delivery);
        latencies[index] = ms;
        statuses[index] = status;
      } catch {
        statuses[index] = 0;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, deliveries.length) }, worker));
  return { latencies, statuses, elapsedMs: performance.now() - started };
}

/** The `p`-th percentile (0-100) of `values`, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
