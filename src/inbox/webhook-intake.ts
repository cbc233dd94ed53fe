import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { HttpError } from "../http/types.js";
import { readBody } from "../http/router.js";
import type { Db } from "../store/db.js";
import { insertDelivery } from "../store/deliveries.js";
import type { Telemetry } from "../telemetry.js";
import { lockKeyFor } from "./lock-key.js";

/** GitHub caps webhook payloads at 25 MB; anything larger is not from GitHub. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

/**
 * `POST /api/github/webhooks`: verifies the signature over the raw bytes, then writes the delivery
 * to the durable inbox before answering 202. Nothing is stored for a request that fails any check,
 * and every refusal is a one-line JSON message.
 */
export function createWebhookIntake(params: {
  path: string;
  secret: string;
  db: Db;
  telemetry: Telemetry;
  now: () => Date;
  /** Called after a new delivery is stored, to wake the workers. */
  onStored?: () => void;
  maxBytes?: number;
}) {
  const { path, secret, db, telemetry, now, onStored } = params;
  const maxBytes = params.maxBytes ?? MAX_WEBHOOK_BYTES;
  return async function intake(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://localhost");
    if (url.pathname !== path) return false;
    const reply = (status: number, body: Record<string, unknown>) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
      return true;
    };
    if (req.method !== "POST") return reply(405, { error: "webhooks are POSTed" });

    const event = header(req, "x-github-event");
    const deliveryId = header(req, "x-github-delivery");
    let body: Buffer;
    try {
      body = await readBody(req, maxBytes);
    } catch (error) {
      telemetry.deliveries.inc({ event: event ?? "unknown", outcome: "rejected" });
      if (error instanceof HttpError) return reply(error.status, { error: error.message });
      return reply(400, { error: "the request body could not be read" });
    }
    const refuse = (status: number, message: string) => {
      telemetry.deliveries.inc({ event: event ?? "unknown", outcome: "rejected" });
      return reply(status, { error: message });
    };
    const signature = header(req, "x-hub-signature-256");
    if (!signature) return refuse(401, "missing X-Hub-Signature-256 header");
    if (!verifySignature(secret, body, signature)) return refuse(401, "signature does not match the webhook secret");
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
  };
}

/** HMAC-SHA256 over the raw bytes, compared in constant time. */
export function verifySignature(secret: string, body: Buffer, signature: string): boolean {
  const expected = Buffer.from(`sha256=${createHmac("sha256", secret).update(body).digest("hex")}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
