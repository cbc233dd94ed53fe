import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** Prometheus metrics served at `GET /metrics`. One registry per app instance (tests make many). */
export interface Telemetry {
  registry: Registry;
  deliveries: Counter<"event" | "outcome">;
  handlingSeconds: Histogram<"event">;
  githubRequests: Counter<"status">;
  rateLimitRemaining: Gauge<"installation">;
  inboxDepth: Gauge<"status">;
}

export function createTelemetry(options: { defaultMetrics?: boolean } = {}): Telemetry {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: "shipshape_" });
  return {
    registry,
    deliveries: new Counter({
      name: "shipshape_deliveries_total",
      help: "Webhook deliveries by event and outcome (accepted, duplicate, rejected, processed, retried, dead).",
      labelNames: ["event", "outcome"],
      registers: [registry],
    }),
    handlingSeconds: new Histogram({
      name: "shipshape_delivery_handling_seconds",
      help: "Time to process one delivery from the inbox.",
      labelNames: ["event"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    githubRequests: new Counter({
      name: "shipshape_github_requests_total",
      help: "GitHub API requests by response status.",
      labelNames: ["status"],
      registers: [registry],
    }),
    rateLimitRemaining: new Gauge({
      name: "shipshape_github_rate_limit_remaining",
      help: "x-ratelimit-remaining of the last GitHub response, per installation.",
      labelNames: ["installation"],
      registers: [registry],
    }),
    inboxDepth: new Gauge({
      name: "shipshape_inbox_deliveries",
      help: "Deliveries in the durable inbox by status (pending, processing, dead).",
      labelNames: ["status"],
      registers: [registry],
    }),
  };
}
