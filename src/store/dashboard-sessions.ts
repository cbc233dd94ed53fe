import { createHash } from "node:crypto";
import type { Db } from "./db.js";

function hash(id: string): string {
  return createHash("sha256").update(id).digest("hex");
}

/** Remembers a new session id (as its hash) until `expiresAt`; drops expired ones on the way. */
export async function createDashboardSession(db: Db, params: { id: string; tokenFingerprint: string; now: number; expiresAt: number }): Promise<void> {
  await db.kysely.deleteFrom("dashboard_sessions").where("expires_at", "<=", params.now).execute();
  await db.kysely.insertInto("dashboard_sessions").values({ id_hash: hash(params.id), token_fingerprint: params.tokenFingerprint, created_at: params.now, expires_at: params.expiresAt }).execute();
}

/** True when the session id is known, not expired, and was opened with the current API token. */
export async function isDashboardSessionValid(db: Db, params: { id: string; tokenFingerprint: string; now: number }): Promise<boolean> {
  const row = await db.kysely
    .selectFrom("dashboard_sessions")
    .select(["expires_at", "token_fingerprint"])
    .where("id_hash", "=", hash(params.id))
    .executeTakeFirst();
  return row !== undefined && row.expires_at > params.now && row.token_fingerprint === params.tokenFingerprint;
}

export async function deleteDashboardSession(db: Db, params: { id: string }): Promise<void> {
  await db.kysely.deleteFrom("dashboard_sessions").where("id_hash", "=", hash(params.id)).execute();
}
