import { createHash, randomBytes } from "node:crypto";
import type { AuthThrottle } from "./auth-throttle.js";
import type { HttpRequest } from "./types.js";
import { isAuthorized } from "./router.js";
import type { Db } from "../store/db.js";
import { isDashboardSessionValid } from "../store/dashboard-sessions.js";
import { readCookies } from "../lib/cookies.js";
import { presentedReadToken } from "../auth/read-target.js";
import type { ViewerScope } from "../auth/viewer-scope.js";
import { readTokenScope } from "../store/read-tokens.js";
import { GITHUB_SESSION_PREFIX, type GitHubSignIn } from "./github-sign-in.js";
import { githubSessionAccess } from "./github-session-access.js";

export const SESSION_COOKIE = "shipshape_session";
export const LOGIN_CSRF_COOKIE = "shipshape_login_csrf";
/** A session lasts a week: Monday's look at the dashboard needs no new login until next Monday. */
export const SESSION_SECONDS = 7 * 24 * 3600;

/**
 * Who may see a dashboard page: a bearer header, a live session, or nobody (and why). Every kind
 * that lets a viewer in carries the `scope` the pages are cut to (ADR 0076): the operator's token
 * and its sessions see everything, a read token (`shpread_…`) its owner or repository.
 */
export type Access =
  | { kind: "bearer"; scope: ViewerScope }
  | { kind: "session"; sessionId: string; logoutToken: string; scope: ViewerScope }
  /** Signed in with GitHub: sees the repositories of the user's installations (`sessionId` is the public `ses_…` id). */
  | { kind: "github"; sessionId: string; login: string; scope: ViewerScope; logoutToken: string }
  | { kind: "denied"; reason: "no-credentials" | "wrong-token" | "unknown-read-token" | "revoked-read-token" | "stale-session" }
  | { kind: "throttled"; retryAfterSeconds: number };

export async function checkAccess(request: HttpRequest, params: { db: Db; apiToken: string | undefined; now: number; throttle?: AuthThrottle | undefined; signIn?: GitHubSignIn | undefined }): Promise<Access> {
  if (request.headers.authorization !== undefined) {
    const address = request.remoteAddress ?? "unknown";
    const wait = params.throttle?.retryAfterSeconds(address) ?? 0;
    if (wait > 0) return { kind: "throttled", retryAfterSeconds: wait };
    const readToken = await readTokenAccess(params.db, request.headers.authorization);
    if (readToken.kind === "bearer") params.throttle?.succeeded(address);
    if (readToken.kind !== "not-read-token") {
      if (readToken.kind === "denied") params.throttle?.failed(address);
      return readToken;
    }
    if (isAuthorized(request.headers.authorization, params.apiToken)) {
      params.throttle?.succeeded(address);
      return { kind: "bearer", scope: { kind: "all" } };
    }
    params.throttle?.failed(address);
    return { kind: "denied", reason: "wrong-token" };
  }
  const sessionId = readCookies(request.headers).get(SESSION_COOKIE);
  if (!sessionId) return { kind: "denied", reason: "no-credentials" };
  if (sessionId.startsWith(GITHUB_SESSION_PREFIX)) {
    const secret = sessionId.slice(GITHUB_SESSION_PREFIX.length);
    // Sign-in switched off: its sessions open nothing.
    const github = params.signIn ? await githubSessionAccess({ db: params.db, signIn: params.signIn, secret, now: params.now }) : "ended";
    if (github === "ended") return { kind: "denied", reason: "stale-session" };
    return { kind: "github", sessionId: github.id, login: github.login, scope: github.scope, logoutToken: logoutToken(sessionId) };
  }
  // Sessions die with the token: without one configured, nothing is open.
  if (params.apiToken && (await isDashboardSessionValid(params.db, { id: sessionId, tokenFingerprint: tokenFingerprint(params.apiToken), now: params.now }))) {
    return { kind: "session", sessionId, logoutToken: logoutToken(sessionId), scope: { kind: "all" } };
  }
  return { kind: "denied", reason: "stale-session" };
}

/** A `Bearer shpread_…` header (ADR 0059): BI users open the pages of their owner or repository with it. */
async function readTokenAccess(db: Db, header: string): Promise<Extract<Access, { kind: "bearer" | "denied" }> | { kind: "not-read-token" }> {
  const given = presentedReadToken(header);
  if (given === undefined) return { kind: "not-read-token" };
  const scope = await readTokenScope(db, given);
  if (scope === undefined) return { kind: "denied", reason: "unknown-read-token" };
  if (scope === "revoked") return { kind: "denied", reason: "revoked-read-token" };
  return { kind: "bearer", scope };
}

export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Names the API token without revealing it: sessions opened with another token are void. */
export function tokenFingerprint(apiToken: string): string {
  return createHash("sha256").update(`shipshape session token ${apiToken}`).digest("hex");
}

/** The logout form's CSRF token: derived from the session, so a forged form cannot know it. */
export function logoutToken(sessionId: string): string {
  return createHash("sha256").update(`shipshape logout ${sessionId}`).digest("base64url");
}

export { sameSecret } from "../auth/same-secret.js";

/** Where to go after login: only a dashboard path of this host, never an open redirect. */
export function safeNext(next: string | null | undefined): string {
  // It becomes a Location header: printable ASCII only (a NUL or a non-Latin-1 character would
  // make Node refuse the header); the dashboard's own links are percent-encoded anyway.
  if (!next || !next.startsWith("/dashboard") || next.startsWith("//") || /[^\x21-\x7e]|\\/.test(next)) return "/dashboard";
  return next;
}
