import type { IncomingMessage, ServerResponse } from "node:http";
import { BudgetBusyError, type ByteBudget } from "../lib/byte-budget.js";
import { HttpError } from "../http/types.js";
import type { Db } from "../store/db.js";
import { insertDelivery } from "../store/deliveries.js";
import type { Telemetry } from "../lib/telemetry.js";
import { lockKeyFor } from "./lock-key.js";
import { readSignedBody, type SignedBody } from "./read-signed-body.js";

/** GitHub caps webhook payloads at 25 MB; anything larger is not from GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

type Reply = (status: number, body: Record<string, unknown>, headers?: Record<string, string>) => true;

/**
 * `POST /api/github/webhooks`: refuses a request without a signature before reading its body,
 * reads the rest within the process-wide budget for unauthenticated bodies while computing the
 * HMAC, then writes the delivery to the durable inbox before answering 202. Nothing is stored
 * for a request that fails any check, every refusal is a one-line JSON message, and no metric
 * label is taken from a request before its signature verifies.
 */
export function createWebhookIntake(params: {
  path: string;
  secret: string;
  db: Db;
  telemetry: Telemetry;
  now: () => Date;
  /** Bytes of bodies being read before their signature is checked, shared by all requests. */
  budget: ByteBudget;
  /** Called after a new delivery is stored, to wake the workers. */
  onStored?: () => void;
  maxBytes?: number;
}) {
  const { path, secret, telemetry, budget } = params;
  const maxBytes = params.maxBytes ?? MAX_WEBHOOK_BYTES;
  return async function intake(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path) return false;
    const reply: Reply = (status, body, headers = {}) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers }).end(JSON.stringify(body));
      return true;
    };
    if (req.method !== "POST") return reply(405, { error: "webhooks are POSTed" });
    const refuseUnverified = (status: number, message: string, headers?: Record<string, string>) => {
      telemetry.deliveries.inc({ event: undefined, outcome: status === 503 ? "busy" : "rejected" });
      return reply(status, { error: message }, headers);
    };

    const signature = header(req, "x-hub-signature-256");
    // Refused before a byte of the body is read. A small body is drained (discarded, never
    // buffered) so the answer arrives intact; for a large one the connection is closed instead.
    const unread = drainOrClose(req);
    if (!signature) return refuseUnverified(401, "missing X-Hub-Signature-256 header", unread);
    let read: SignedBody;
    try {
      read = await readSignedBody({ req, limit: maxBytes, budget, secret, signature });
    } catch (error) {
      if (error instanceof BudgetBusyError) {
        // GitHub marks the delivery failed and the redelivery sweep sends it again (ADR 0005).
        return refuseUnverified(503, `too many webhook bodies in flight: ${error.message}`, { "retry-after": String(error.retryAfterSeconds), ...unread });
      }
      if (error instanceof HttpError) return refuseUnverified(error.status, error.message);
      return refuseUnverified(400, "the request body could not be read");
    }
    try {
      if (!read.verified) return refuseUnverified(401, "signature does not match the webhook secret");
      return await store({ req, body: read.body, reply });
    } finally {
      read.lease.release();
    }
  };

  /** A verified body: its headers and JSON checked, then written to the inbox. */
  async function store({ req, body, reply }: { req: IncomingMessage; body: Buffer; reply: Reply }): Promise<boolean> {
    const { db, telemetry, now, onStored } = params;
    const event = header(req, "x-github-event");
    const deliveryId = header(req, "x-github-delivery");
    const refuse = (status: number, message: string) => {
      telemetry.deliveries.inc({ event, outcome: "rejected" });
      return reply(status, { error: message });
    };
    if (!event || !deliveryId) return refuse(400, "missing X-GitHub-Event or X-GitHub-Delivery header");
    if (!/^[\w.-]{1,100}$/.test(deliveryId) || !/^[a-z_]{1,64}$/.test(event)) return refuse(400, "malformed X-GitHub-Event or X-GitHub-Delivery header");

    let payload: unknown;
    try {
      payload = JSON.parse(body.toString("utf8"));
    } catch {
      return refuse(400, "body is not valid JSON");
    }
    if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return refuse(400, "body is not a JSON object");

    const record = payload as { action?: unknown; installation?: { id?: unknown } };
    try {
      const stored = await insertDelivery(db, {
        deliveryId,
        event,
        action: typeof record.action === "string" ? record.action : null,
        installationId: typeof record.installation?.id === "number" ? record.installation.id : null,
        lockKey: lockKeyFor(event, payload),
        payload: body.toString("utf8"),
        receivedAt: now().getTime(),
      });
      telemetry.deliveries.inc({ event, outcome: stored === "inserted" ? "accepted" : "duplicate" });
      if (stored === "inserted") onStored?.();
      return reply(202, { ok: true, delivery: deliveryId, duplicate: stored === "duplicate" });
    } catch {
      // Not stored: answer 5xx so GitHub marks it failed; the redelivery sweep brings it back.
      telemetry.deliveries.inc({ event, outcome: "store_error" });
      return reply(503, { error: "the delivery could not be stored; it will be redelivered" });
    }
  }
}

/** Bodies up to this size are drained after a refusal rather than cut off with the connection. */
const DRAIN_BYTES = 1024 * 1024;

function drainOrClose(req: IncomingMessage): Record<string, string> {
  const declared = Number(req.headers["content-length"]);
  return Number.isFinite(declared) && declared <= DRAIN_BYTES ? {} : { connection: "close" };
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
