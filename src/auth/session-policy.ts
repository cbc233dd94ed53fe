/**
 * What to do with a GitHub sign-in session when a page is asked for. Pure: the route reads the
 * session, asks here, and acts (re-read the scope, refresh the user token, or send to sign-in).
 */
export type SessionTimes = {
  now: number;
  expiresAt: number;
  revokedAt: number | null;
  /** When the scope was last read from GitHub. */
  refreshedAt: number;
  /** When GitHub said the user token ends (null: it does not expire). */
  tokenExpiresAt: number | null;
  hasRefreshToken: boolean;
};

export type SessionStep =
  | { kind: "use" }
  /** Read the installations again with the user token: the scope is older than the limit. */
  | { kind: "reread-scope" }
  /** The user token has ended: trade the refresh token for a new one, then re-read the scope. */
  | { kind: "refresh-token" }
  | { kind: "sign-in-again"; reason: "revoked" | "expired" | "token-ended" };

/** A scope read from GitHub is trusted for 15 minutes: a removed collaborator loses access soon after. */
export const SCOPE_MAX_AGE_MS = 15 * 60 * 1000;
/** A session lasts at most a week, whatever GitHub's refresh token allows. */
export const GITHUB_SESSION_MS = 7 * 24 * 3600 * 1000;
/** Refresh a minute early, so a token does not end between the check and the call. */
const TOKEN_MARGIN_MS = 60 * 1000;

export function nextSessionStep(s: SessionTimes, scopeMaxAgeMs = SCOPE_MAX_AGE_MS): SessionStep {
  if (s.revokedAt !== null) return { kind: "sign-in-again", reason: "revoked" };
  if (s.expiresAt <= s.now) return { kind: "sign-in-again", reason: "expired" };
  if (s.tokenExpiresAt !== null && s.tokenExpiresAt - TOKEN_MARGIN_MS <= s.now) {
    return s.hasRefreshToken ? { kind: "refresh-token" } : { kind: "sign-in-again", reason: "token-ended" };
  }
  if (s.now - s.refreshedAt >= scopeMaxAgeMs) return { kind: "reread-scope" };
  return { kind: "use" };
}

/** GitHub's installations and their repositories, as the scope a session keeps: repos only, lower case, no duplicates. */
export function scopeFromInstallations(installations: ReadonlyArray<{ repos: ReadonlyArray<{ owner: string; name: string }> }>): { owners: string[]; repos: string[] } {
  const repos = new Set<string>();
  for (const installation of installations) for (const r of installation.repos) repos.add(`${r.owner}/${r.name}`.toLowerCase());
  return { owners: [], repos: [...repos].sort() };
}
