import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { boundedLabel, DELIVERY_OUTCOMES, eventLabel, INBOX_STATUSES, MAX_INSTALLATION_SERIES, oneOf, statusLabel, type DeliveryOutcome } from "./telemetry-labels.js";

/**
 * Prometheus metrics served at `GET /metrics`. One registry per app instance (tests make many).
 * Callers hand in raw values; every label is mapped onto a closed set here, so no caller can
 * create a series from what a request says (see telemetry-labels.ts).
 */
export interface Telemetry {
  registry: Registry;
  deliveries: { inc(labels: { event: string | undefined; outcome: DeliveryOutcome }): void };
  handlingSeconds: { observe(labels: { event: string }, seconds: number): void };
  githubRequests: { inc(labels: { status: string | number }): void };
  rateLimitRemaining: { set(labels: { installation: string }, value: number): void };
  inboxDepth: { set(labels: { status: string }, value: number): void };
}

export function createTelemetry(options: { defaultMetrics?: boolean } = {}): Telemetry {
  const registry = new Registry();
  if (options.defaultMetrics) collectDefaultMetrics({ register: registry, prefix: "shipshape_" });
  const deliveries = new Counter({
    name: "shipshape_deliveries_total",
    help: `Webhook deliveries by event (a known GitHub event name, else unknown) and outcome (${DELIVERY_OUTCOMES.join(", ")}).`,
    labelNames: ["event", "outcome"],
    registers: [registry],
  });
  const handlingSeconds = new Histogram({
    name: "shipshape_delivery_handling_seconds",
    help: "Time to process one delivery from the inbox.",
    labelNames: ["event"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const githubRequests = new Counter({
    name: "shipshape_github_requests_total",
    help: "GitHub API requests by response status.",
    labelNames: ["status"],
    registers: [registry],
  });
  const rateLimitRemaining = new Gauge({
    name: "shipshape_github_rate_limit_remaining",
    help: `x-ratelimit-remaining of the last GitHub response, per installation (the first ${MAX_INSTALLATION_SERIES} seen; later ones as "other").`,
    labelNames: ["installation"],
    registers: [registry],
  });
  const inboxDepth = new Gauge({
    name: "shipshape_inbox_deliveries",
    help: "Deliveries in the durable inbox by status (pending, processing, dead).",
    labelNames: ["status"],
    registers: [registry],
  });
  const installation = boundedLabel(MAX_INSTALLATION_SERIES);
  return {
    registry,
    deliveries: { inc: (labels) => deliveries.inc({ event: eventLabel(labels.event), outcome: oneOf(labels.outcome, DELIVERY_OUTCOMES) }) },
    handlingSeconds: { observe: (labels, seconds) => handlingSeconds.observe({ event: eventLabel(labels.event) }, seconds) },
    githubRequests: { inc: (labels) => githubRequests.inc({ status: statusLabel(labels.status) }) },
    rateLimitRemaining: { set: (labels, value) => rateLimitRemaining.set({ installation: installation(labels.installation) }, value) },
    inboxDepth: { set: (labels, value) => inboxDepth.set({ status: oneOf(labels.status, INBOX_STATUSES) }, value) },
  };
}
