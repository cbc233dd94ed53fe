import { createHash, randomBytes } from "node:crypto";
import type { Db } from "./db.js";
import { seal, unseal, type SealKey } from "../auth/seal.js";
import { scopeOf, type ViewerScope } from "../auth/viewer-scope.js";

export type SessionScope = { owners: string[]; repos: string[] };

export interface GitHubSession {
  id: string;
  login: string;
  scope: ViewerScope;
  createdAt: number;
  refreshedAt: number;
  expiresAt: number;
  revokedAt: number | null;
  tokenExpiresAt: number | null;
  /** The user token, unsealed; null when it no longer opens (another key, an altered row). */
  token: string | null;
  refreshToken: string | null;
}

export interface ListedSession {
  id: string;
  login: string;
  owners: number;
  repos: number;
  createdAt: number;
  refreshedAt: number;
  expiresAt: number;
  revokedAt: number | null;
}

const hash = (secret: string): string => createHash("sha256").update(`shipshape github session ${secret}`).digest("hex");
/** A scope is a few thousand repositories at most; a bigger JSON is refused rather than parsed. */
const MAX_SCOPE_CHARS = 1024 * 1024;

/** Opens a session; returns its public id (for `sessions list|revoke`) and the cookie secret, shown only now. */
export async function createGitHubSession(
  db: Db,
  key: SealKey,
  params: { login: string; scope: SessionScope; token: string; refreshToken: string | null; tokenExpiresAt: number | null; now: number; expiresAt: number },
): Promise<{ id: string; secret: string }> {
  const secret = randomBytes(32).toString("base64url");
  const id = `ses_${randomBytes(6).toString("hex")}`;
  await db.kysely.deleteFrom("github_sessions").where("expires_at", "<=", params.now).execute();
  await db.kysely
    .insertInto("github_sessions")
    .values({
      id,
      id_hash: hash(secret),
      login: params.login,
      scope: JSON.stringify(params.scope),
      sealed_token: seal(key, params.token),
      sealed_refresh_token: params.refreshToken === null ? null : seal(key, params.refreshToken),
      token_expires_at: params.tokenExpiresAt,
      created_at: params.now,
      refreshed_at: params.now,
      expires_at: params.expiresAt,
      revoked_at: null,
    })
    .execute();
  return { id, secret };
}

/** The session the cookie secret names, or undefined. Revoked and expired ones are returned too: the policy decides. */
export async function findGitHubSession(db: Db, key: SealKey, secret: string): Promise<GitHubSession | undefined> {
  if (secret.length > 200) return undefined;
  const row = await db.kysely.selectFrom("github_sessions").selectAll().where("id_hash", "=", hash(secret)).executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    login: row.login,
    scope: parseScope(row.scope),
    createdAt: Number(row.created_at),
    refreshedAt: Number(row.refreshed_at),
    expiresAt: Number(row.expires_at),
    revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    tokenExpiresAt: row.token_expires_at === null ? null : Number(row.token_expires_at),
    token: unseal(key, row.sealed_token),
    refreshToken: row.sealed_refresh_token === null ? null : unseal(key, row.sealed_refresh_token),
  };
}

/** Stores a re-read scope and, after a refresh, the new user token and refresh token. */
export async function updateGitHubSession(
  db: Db,
  key: SealKey,
  params: { id: string; scope: SessionScope; now: number; tokens?: { token: string; refreshToken: string | null; tokenExpiresAt: number | null } },
): Promise<void> {
  const tokens = params.tokens;
  await db.kysely
    .updateTable("github_sessions")
    .set({
      scope: JSON.stringify(params.scope),
      refreshed_at: params.now,
      ...(tokens
        ? { sealed_token: seal(key, tokens.token), sealed_refresh_token: tokens.refreshToken === null ? null : seal(key, tokens.refreshToken), token_expires_at: tokens.tokenExpiresAt }
        : {}),
    })
    .where("id", "=", params.id)
    .where("revoked_at", "is", null)
    .execute();
}

/** Ends session `id` (sign-out, or the operator's `sessions revoke`): "revoked", "already", or "unknown". */
export async function revokeGitHubSession(db: Db, params: { id: string; now: number }): Promise<"revoked" | "already" | "unknown"> {
  const result = await db.kysely.updateTable("github_sessions").set({ revoked_at: params.now }).where("id", "=", params.id).where("revoked_at", "is", null).executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return "revoked";
  const row = await db.kysely.selectFrom("github_sessions").select("id").where("id", "=", params.id).executeTakeFirst();
  return row ? "already" : "unknown";
}

export async function listGitHubSessions(db: Db): Promise<ListedSession[]> {
  const rows = await db.kysely
    .selectFrom("github_sessions")
    .select(["id", "login", "scope", "created_at", "refreshed_at", "expires_at", "revoked_at"])
    .orderBy("created_at", "desc")
    .orderBy("id")
    .execute();
  return rows.map((row) => {
    const scope = parseScopeLists(row.scope);
    return {
      id: row.id,
      login: row.login,
      owners: scope.owners.length,
      repos: scope.repos.length,
      createdAt: Number(row.created_at),
      refreshedAt: Number(row.refreshed_at),
      expiresAt: Number(row.expires_at),
      revokedAt: row.revoked_at === null ? null : Number(row.revoked_at),
    };
  });
}

function parseScopeLists(text: string): SessionScope {
  if (text.length > MAX_SCOPE_CHARS) return { owners: [], repos: [] };
  try {
    const value = JSON.parse(text) as { owners?: unknown; repos?: unknown };
    const strings = (list: unknown): string[] => (Array.isArray(list) ? list.filter((item): item is string => typeof item === "string") : []);
    return { owners: strings(value.owners), repos: strings(value.repos) };
  } catch {
    // An unreadable scope sees nothing rather than everything.
    return { owners: [], repos: [] };
  }
}

function parseScope(text: string): ViewerScope {
  const lists = parseScopeLists(text);
  return scopeOf(lists.owners, lists.repos);
}
