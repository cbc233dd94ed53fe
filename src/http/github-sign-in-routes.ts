import { authorizeUrl, newPkce, newState } from "../auth/oauth.js";
import { checkCallback, LOGIN_STATE_MS, sealPendingLogin, type CallbackCheck } from "../auth/login-state.js";
import { GITHUB_SESSION_MS, scopeFromInstallations } from "../auth/session-policy.js";
import { PAGE_HEADERS } from "../dashboard/layout.js";
import { messagePage } from "../dashboard/message-page.js";
import { exchangeCode, readUserInstallations, readUserLogin, SignInError } from "../github/user-oauth.js";
import { readCookies, setCookie } from "../lib/cookies.js";
import type { Db } from "../store/db.js";
import { createGitHubSession, findGitHubSession, revokeGitHubSession } from "../store/github-sessions.js";
import { safeNext, SESSION_COOKIE, SESSION_SECONDS } from "./dashboard-access.js";
import { callbackUrl, CALLBACK_PATH, GITHUB_SESSION_PREFIX, LOGIN_STATE_COOKIE, type GitHubSignIn } from "./github-sign-in.js";
import type { HttpRequest, HttpResponse } from "./types.js";

/**
 * GET /dashboard/login with sign-in configured: off to GitHub's authorize page with a fresh state
 * and PKCE challenge, the state and verifier sealed in a cookie only the callback receives.
 * SameSite=Lax, not Strict: the browser comes back from GitHub, a cross-site navigation.
 */
export function startGitHubSignIn(signIn: GitHubSignIn, request: HttpRequest, now: number): HttpResponse {
  const state = newState();
  const pkce = newPkce();
  const redirectUri = callbackUrl(signIn, request.headers);
  const sealed = sealPendingLogin(signIn.loginKey, { state, verifier: pkce.verifier, next: safeNext(request.query.get("next")), expiresAt: now + LOGIN_STATE_MS });
  const cookie = setCookie({ name: LOGIN_STATE_COOKIE, value: sealed, path: CALLBACK_PATH, maxAgeSeconds: LOGIN_STATE_MS / 1000, secure: redirectUri.startsWith("https:"), sameSite: "Lax" });
  const location = authorizeUrl(signIn.settings.hosts, { clientId: signIn.settings.clientId, redirectUri, state, challenge: pkce.challenge });
  return { status: 302, headers: { location, "cache-control": "no-store", "set-cookie": cookie } };
}

const REFUSED: Record<Extract<CallbackCheck, { ok: false }>["reason"], string> = {
  "no-cookie": "Sign in again from this browser: it holds no sign-in in progress (cookies blocked, or the link was opened elsewhere), so GitHub's answer cannot be trusted.",
  forged: "Sign in again: the sign-in cookie was altered or made by another server.",
  expired: "Sign in again: the sign-in took longer than 10 minutes.",
  "state-mismatch": "Sign in again: GitHub's answer does not belong to the sign-in this browser started.",
  replayed: "Sign in again: this sign-in answer was already used once.",
};

/**
 * GET /dashboard/callback: check the state against the browser's cookie, trade the code (with the
 * PKCE verifier) for a user token, read who it is and what it reaches, open the session, and go
 * where the viewer was headed. Any refusal stores nothing.
 */
export async function finishGitHubSignIn(params: { db: Db; signIn: GitHubSignIn; request: HttpRequest; now: number }): Promise<HttpResponse> {
  const { db, signIn, request, now } = params;
  const redirectUri = callbackUrl(signIn, request.headers);
  const secure = redirectUri.startsWith("https:");
  const refused = (status: number, title: string, message: string): HttpResponse => ({
    status,
    headers: { ...PAGE_HEADERS, "set-cookie": setCookie({ name: LOGIN_STATE_COOKIE, value: "", path: CALLBACK_PATH, maxAgeSeconds: 0, secure, sameSite: "Lax" }) },
    body: messagePage({ title, message, next: "/dashboard", github: true }),
  });
  const error = request.query.get("error");
  if (error !== null) {
    const why = error === "access_denied" ? "the authorization was declined on GitHub" : `GitHub answered "${error.slice(0, 100)}"`;
    return refused(400, "Not signed in", `Sign in again and choose Authorize on GitHub: ${why}, so nothing was stored.`);
  }
  const check = checkCallback(signIn.loginKey, { cookie: readCookies(request.headers).get(LOGIN_STATE_COOKIE), state: request.query.get("state"), now, used: signIn.used });
  if (!check.ok) return refused(400, "Sign-in refused", REFUSED[check.reason]);
  const code = request.query.get("code");
  if (!code || code.length > 200) return refused(400, "Sign-in refused", "Sign in again: GitHub's answer carried no code to trade for a token.");
  try {
    const tokens = await exchangeCode(signIn.settings.hosts, signIn.settings, { code, verifier: check.pending.verifier, redirectUri, now });
    const login = await readUserLogin(signIn.settings.hosts, tokens.token);
    const installations = login === "unauthorized" ? login : await readUserInstallations(signIn.settings.hosts, tokens.token);
    if (login === "unauthorized" || installations === "unauthorized") return refused(400, "GitHub did not sign you in", "Sign in again: GitHub refused the token it had just given.");
    const scope = scopeFromInstallations(installations);
    const session = await createGitHubSession(db, signIn.sessionKey, { login, scope, ...tokens, now, expiresAt: now + GITHUB_SESSION_MS });
    const cookie = setCookie({ name: SESSION_COOKIE, value: `${GITHUB_SESSION_PREFIX}${session.secret}`, path: "/dashboard", maxAgeSeconds: SESSION_SECONDS, secure, sameSite: "Lax" });
    return { status: 303, headers: { location: check.pending.next, "cache-control": "no-store", "set-cookie": cookie } };
  } catch (failure) {
    if (failure instanceof SignInError) return refused(400, "GitHub did not sign you in", `Sign in again: ${failure.message}`);
    return refused(502, "GitHub could not be reached", "Try signing in again in a minute: GitHub did not answer, or answered with an error of its own (down, slow or busy).");
  }
}

/** Sign-out of a GitHub session: the row is revoked, so the cookie opens nothing even if it was copied. */
export async function endGitHubSession(params: { db: Db; signIn: GitHubSignIn | undefined; cookie: string; now: number }): Promise<void> {
  if (!params.signIn) return;
  const session = await findGitHubSession(params.db, params.signIn.sessionKey, params.cookie.slice(GITHUB_SESSION_PREFIX.length));
  if (session) await revokeGitHubSession(params.db, { id: session.id, now: params.now });
}
