import { nextSessionStep, scopeFromInstallations } from "../auth/session-policy.js";
import { scopeOf, type ViewerScope } from "../auth/viewer-scope.js";
import { readUserInstallations, refreshUserToken, SignInError, type UserTokens } from "../github/user-oauth.js";
import type { Db } from "../store/db.js";
import { findGitHubSession, revokeGitHubSession, updateGitHubSession, type GitHubSession } from "../store/github-sessions.js";
import type { GitHubSignIn } from "./github-sign-in.js";

/** A live GitHub session as a page sees it, or "ended" (the viewer signs in again). */
export type GitHubSessionAccess = { id: string; login: string; scope: ViewerScope } | "ended";

/**
 * When GitHub cannot be reached to re-read the scope, the stored one is used a while longer (the
 * next page tries again) rather than locking every viewer out; past this age the viewer signs in again.
 */
const SCOPE_GRACE_MS = 60 * 60 * 1000;

type Params = { db: Db; signIn: GitHubSignIn; secret: string; now: number };

/**
 * Gather -> decide -> act for a GitHub session cookie: load the row, ask the session policy, then
 * use it, re-read the scope, refresh the user token (and re-read), or end it. A refresh GitHub
 * refuses, or a 401 GitHub keeps answering after a refresh, ends the session (revoked server-side).
 */
export async function githubSessionAccess(params: Params): Promise<GitHubSessionAccess> {
  const { db, signIn, now } = params;
  const session = await findGitHubSession(db, signIn.sessionKey, params.secret);
  // A row whose token no longer unseals (another SHIPSHAPE_SESSION_SECRET) opens nothing.
  if (!session || session.token === null) return "ended";
  const step = nextSessionStep({ now, expiresAt: session.expiresAt, revokedAt: session.revokedAt, refreshedAt: session.refreshedAt, tokenExpiresAt: session.tokenExpiresAt, hasRefreshToken: session.refreshToken !== null });
  if (step.kind === "use") return live(session);
  if (step.kind === "sign-in-again") return end(db, session, now);
  try {
    const renewed = await renew({ ...params, session, token: session.token, refreshFirst: step.kind === "refresh-token" });
    if (renewed !== "refused") return renewed;
  } catch (error) {
    // GitHub unreachable, slow or failing (5xx) is not the viewer's doing: keep the session, use the stored scope a while.
    if (!(error instanceof SignInError)) return now - session.refreshedAt < SCOPE_GRACE_MS ? live(session) : "ended";
  }
  // Refresh tokens are single-use: another page of this browser (or another instance) may have refreshed meanwhile.
  const again = await findGitHubSession(db, signIn.sessionKey, params.secret);
  if (again && again.revokedAt === null && again.refreshedAt > session.refreshedAt) return live(again);
  return end(db, session, now);
}

async function renew(params: Params & { session: GitHubSession; token: string; refreshFirst: boolean }): Promise<GitHubSessionAccess | "refused"> {
  const { db, signIn, session, now } = params;
  const hosts = signIn.settings.hosts;
  let tokens: UserTokens | undefined = params.refreshFirst ? await refresh(params) : undefined;
  let installations = await readUserInstallations(hosts, tokens?.token ?? params.token);
  // GitHub may end a token before the time it gave (a clock apart): one refresh, then give up.
  if (installations === "unauthorized" && tokens === undefined && session.refreshToken !== null) {
    tokens = await refresh(params);
    installations = await readUserInstallations(hosts, tokens.token);
  }
  if (installations === "unauthorized") return "refused";
  const scope = scopeFromInstallations(installations);
  await updateGitHubSession(db, signIn.sessionKey, { id: session.id, scope, now, ...(tokens ? { tokens } : {}) });
  return { id: session.id, login: session.login, scope: scopeOf(scope.owners, scope.repos) };
}

function refresh(params: Params & { session: GitHubSession }): Promise<UserTokens> {
  const refreshToken = params.session.refreshToken;
  if (refreshToken === null) throw new SignInError("The session has no refresh token.");
  return refreshUserToken(params.signIn.settings.hosts, params.signIn.settings, { refreshToken, now: params.now });
}

function live(session: GitHubSession): GitHubSessionAccess {
  return { id: session.id, login: session.login, scope: session.scope };
}

async function end(db: Db, session: GitHubSession, now: number): Promise<"ended"> {
  if (session.revokedAt === null) await revokeGitHubSession(db, { id: session.id, now });
  return "ended";
}
