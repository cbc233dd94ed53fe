import type { Db } from "../store/db.js";
import { inboxCounts } from "../store/deliveries.js";
import type { Telemetry } from "../lib/telemetry.js";
import type { AuthThrottle } from "./auth-throttle.js";
import { isAuthorized } from "./router.js";
import { json, type HttpRequest, type Route } from "./types.js";

/**
 * Extra facts `/readyz` reports (backfill progress and the like), registered by features:
 * `counts` are shown to anyone (load balancers, uptime checks); `details` (which may name private
 * repositories) only to a request with the API token.
 */
export type ReadinessProbe = () => Promise<{ counts: Record<string, number>; details: Record<string, unknown> }>;

/** `/healthz` (the process answers), `/readyz` (the store answers; inbox and dead letters), `/metrics`. */
export function healthRoutes(params: { db: Db; telemetry: Telemetry; apiToken?: string | undefined; throttle?: AuthThrottle; probes?: Record<string, ReadinessProbe> }): Route[] {
  const { db, telemetry } = params;
  return [
    {
      method: "GET",
      pattern: "/healthz",
      auth: "public",
      handle: async () => json(200, { status: "ok" }),
    },
    {
      method: "GET",
      pattern: "/readyz",
      auth: "public",
      handle: async (request) => {
        if (!(await db.ping())) return json(503, { status: "unavailable", database: "unreachable" });
        const detailed = readyzDetailed(request, params);
        const inbox = await inboxCounts(db);
        const extra: Record<string, unknown> = {};
        for (const [name, probe] of Object.entries(params.probes ?? {})) {
          extra[name] = await probe().then(
            ({ counts, details }) => (detailed ? { ...counts, ...details } : counts),
            // A probe's error may quote private data: its message only for the token holder.
            (error: Error) => ({ error: detailed ? error.message : "unavailable" }),
          );
        }
        return json(200, { status: "ready", database: db.dialect, inbox: { pending: inbox.pending, processing: inbox.processing, dead_letters: inbox.dead }, ...extra });
      },
    },
    {
      method: "GET",
      pattern: "/metrics",
      auth: "public",
      handle: async () => {
        try {
          const inbox = await inboxCounts(db);
          for (const [status, count] of Object.entries(inbox)) telemetry.inboxDepth.set({ status }, count);
        } catch {
          // The store is down: serve the other metrics anyway.
        }
        return { status: 200, headers: { "content-type": telemetry.registry.contentType }, body: await telemetry.registry.metrics() };
      },
    },
  ];
}

/**
 * Whether `/readyz` may show details. A wrong token counts against the address (details or not
 * would otherwise be an oracle for guessing), but readiness itself is never refused: a load
 * balancer sharing the guesser's address still sees counts.
 */
function readyzDetailed(request: HttpRequest, params: { apiToken?: string | undefined; throttle?: AuthThrottle }): boolean {
  if (request.headers.authorization === undefined) return false;
  const address = request.remoteAddress ?? "unknown";
  if ((params.throttle?.retryAfterSeconds(address) ?? 0) > 0) return false;
  const ok = isAuthorized(request.headers.authorization, params.apiToken);
  if (ok) params.throttle?.succeeded(address);
  else params.throttle?.failed(address);
  return ok;
}
