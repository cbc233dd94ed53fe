import type { IncomingHttpHeaders } from "node:http";
import { UsedStates } from "../auth/login-state.js";
import { deriveSealKey, type SealKey } from "../auth/seal.js";
import type { SignInSettings } from "../auth/sign-in-settings.js";

/** What the sign-in routes and the access check share, made once per process from the settings. */
export interface GitHubSignIn {
  settings: SignInSettings;
  /** Seals the pending-login cookie (state, PKCE verifier, next). */
  loginKey: SealKey;
  /** Seals the user and refresh tokens in `github_sessions`. */
  sessionKey: SealKey;
  /** States already used in this process (a replay is refused). */
  used: UsedStates;
  /** `SHIPSHAPE_PUBLIC_URL`: the callback is registered there; else the request's own origin. */
  publicUrl: string | undefined;
}

/** The pending-login cookie, sent only to the callback. */
export const LOGIN_STATE_COOKIE = "shipshape_login_state";
export const CALLBACK_PATH = "/dashboard/callback";
/**
 * A GitHub session shares the session cookie with the operator-token sessions (one sign-in
 * replaces the other, one sign-out clears it), told apart by this prefix: operator session ids are
 * base64url and never contain a dot.
 */
export const GITHUB_SESSION_PREFIX = "gh.";

export function createGitHubSignIn(settings: SignInSettings, publicUrl: string | undefined): GitHubSignIn {
  return {
    settings,
    loginKey: deriveSealKey(settings.sessionSecret, "login-state"),
    sessionKey: deriveSealKey(settings.sessionSecret, "github-session"),
    used: new UsedStates(),
    publicUrl,
  };
}

/**
 * The callback URL on this host, the same at login and at the callback (GitHub compares them):
 * SHIPSHAPE_PUBLIC_URL when set, else the Host the browser used, over HTTPS when a proxy says so.
 */
export function callbackUrl(signIn: Pick<GitHubSignIn, "publicUrl">, headers: IncomingHttpHeaders): string {
  if (signIn.publicUrl) return `${signIn.publicUrl}${CALLBACK_PATH}`;
  const host = first(headers["x-forwarded-host"]) ?? first(headers.host) ?? "localhost";
  const scheme = first(headers["x-forwarded-proto"]) === "https" ? "https" : "http";
  return `${scheme}://${host}${CALLBACK_PATH}`;
}

function first(value: string | string[] | undefined): string | undefined {
  const one = Array.isArray(value) ? value[0] : value;
  return one?.split(",")[0]?.trim() || undefined;
}
