import { randomBytes } from "node:crypto";
import type { Db } from "./db.js";
import { READ_TOKEN_PREFIX, readTargetText, type ReadTarget } from "../auth/read-target.js";
import { scopeOf, type ViewerScope } from "../auth/viewer-scope.js";
import { hashToken } from "./upload-tokens.js";

export interface StoredReadToken {
  id: string;
  /** `owner` or `owner/name`, lower case. */
  scope: string;
  createdAt: number;
  revokedAt: number | null;
}

/** Creates a read token for `target`; the secret is returned only now, the store keeps its SHA-256. */
export async function createReadToken(db: Db, params: { target: ReadTarget; now: number }): Promise<{ id: string; token: string }> {
  const token = READ_TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const id = `rt_${randomBytes(6).toString("hex")}`;
  await db.kysely
    .insertInto("read_tokens")
    .values({ id, token_hash: hashToken(token), scope: readTargetText(params.target).toLowerCase(), created_at: params.now, revoked_at: null })
    .execute();
  return { id, token };
}

export async function listReadTokens(db: Db): Promise<StoredReadToken[]> {
  const rows = await db.kysely.selectFrom("read_tokens").select(["id", "scope", "created_at", "revoked_at"]).orderBy("created_at", "desc").orderBy("id").execute();
  return rows.map((row) => ({ id: row.id, scope: row.scope, createdAt: Number(row.created_at), revokedAt: row.revoked_at === null ? null : Number(row.revoked_at) }));
}

/** Revokes token `id`: "revoked", "already" (it was revoked before), or "unknown". */
export async function revokeReadToken(db: Db, params: { id: string; now: number }): Promise<"revoked" | "already" | "unknown"> {
  const result = await db.kysely.updateTable("read_tokens").set({ revoked_at: params.now }).where("id", "=", params.id).where("revoked_at", "is", null).executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return "revoked";
  const row = await db.kysely.selectFrom("read_tokens").select("id").where("id", "=", params.id).executeTakeFirst();
  return row ? "already" : "unknown";
}

/** What a presented read token may see: its scope, "revoked", or undefined when no such token exists. Looked up by hash. */
export async function readTokenScope(db: Db, token: string): Promise<ViewerScope | "revoked" | undefined> {
  // A token is 51 characters: anything much longer is not one, and is not hashed or looked up.
  if (token.length > 100) return undefined;
  const row = await db.kysely.selectFrom("read_tokens").select(["scope", "revoked_at"]).where("token_hash", "=", hashToken(token)).executeTakeFirst();
  if (!row) return undefined;
  if (row.revoked_at !== null) return "revoked";
  return row.scope.includes("/") ? scopeOf([], [row.scope]) : scopeOf([row.scope], []);
}
