import { createHash, randomBytes } from "node:crypto";
import type { Db } from "./db.js";

/** Upload tokens start with this, so secret scanners and people can tell what one is. */
export const TOKEN_PREFIX = "shpcov_";

/** What the store keeps of a token: its SHA-256, hex. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Creates a token for `repo` and returns it: the only time it exists outside its hash. */
export async function createUploadToken(db: Db, params: { repo: string; now: number }): Promise<string> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  await db.kysely.insertInto("upload_tokens").values({ token_hash: hashToken(token), repo: params.repo, created_at: params.now, revoked_at: null }).execute();
  return token;
}

/** Revokes every live token of `repo`; returns how many. */
export async function revokeUploadTokens(db: Db, params: { repo: string; now: number }): Promise<number> {
  const result = await db.kysely.updateTable("upload_tokens").set({ revoked_at: params.now }).where("repo", "=", params.repo).where("revoked_at", "is", null).executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** True when `token` is a live token of `repo`. Looked up by hash, so timing reveals nothing of the token. */
export async function isValidUploadToken(db: Db, params: { repo: string; token: string }): Promise<boolean> {
  const row = await db.kysely.selectFrom("upload_tokens").select(["repo", "revoked_at"]).where("token_hash", "=", hashToken(params.token)).executeTakeFirst();
  return row !== undefined && row.repo === params.repo && row.revoked_at === null;
}

/** Every upload token, newest first, without its hash: what `shipshape token list` shows. */
export async function listUploadTokens(db: Db): Promise<Array<{ repo: string; createdAt: number; revokedAt: number | null }>> {
  const rows = await db.kysely.selectFrom("upload_tokens").select(["repo", "created_at", "revoked_at"]).orderBy("created_at", "desc").execute();
  return rows.map((row) => ({ repo: row.repo, createdAt: Number(row.created_at), revokedAt: row.revoked_at === null ? null : Number(row.revoked_at) }));
}
