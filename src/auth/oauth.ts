import { createHash, randomBytes } from "node:crypto";

/**
 * The pure half of "Sign in with GitHub": where GitHub lives (github.com or a
 * GitHub Enterprise Server through GHE_HOST / GHE_PROTOCOL), the PKCE pair, and
 * the authorize URL. The state is random, single-use and bound to the browser by
 * a cookie; the callback compares both before it exchanges the code.
 */
export type GitHubHosts = { readonly web: string; readonly api: string };

export function githubHosts(gheHost: string | undefined, gheProtocol: "https" | "http" | undefined): GitHubHosts {
  if (!gheHost) return { web: "https://github.com", api: "https://api.github.com" };
  const base = `${gheProtocol ?? "https"}://${gheHost}`;
  return { web: base, api: `${base}/api/v3` };
}

export type Pkce = { readonly verifier: string; readonly challenge: string };

/** RFC 7636 S256: a 43-character verifier and its SHA-256 challenge, both base64url. */
export function newPkce(): Pkce {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: pkceChallenge(verifier) };
}

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

export function newState(): string {
  return randomBytes(24).toString("base64url");
}

export function authorizeUrl(
  hosts: GitHubHosts,
  input: { clientId: string; redirectUri: string; state: string; challenge: string },
): string {
  const url = new URL("/login/oauth/authorize", hosts.web);
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("state", input.state);
  url.searchParams.set("code_challenge", input.challenge);
  url.searchParams.set("code_challenge_method", "S256");
  return url.toString();
}
