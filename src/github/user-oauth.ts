import type { GitHubHosts } from "../auth/oauth.js";

/**
 * The GitHub calls of "Sign in with GitHub", thin: trade a code (with its PKCE verifier) or a
 * refresh token for a user token, and read which installations and repositories the user reaches.
 * Every answer is bounded (pages of 100, at most MAX_PAGES per list, 1 MB per body).
 */
export type UserTokens = { token: string; refreshToken: string | null; tokenExpiresAt: number | null };

export type OAuthClient = { clientId: string; clientSecret: string };

/** GitHub answered, and said no (or something we cannot use): the sign-in or session cannot go on. */
export class SignInError extends Error {}

/** GitHub is down or busy (5xx, 429): not the user's doing, so a session is kept and tried again later. */
export class GitHubUnavailableError extends Error {}

const MAX_PAGES = 30;
const MAX_BODY_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;

export async function exchangeCode(hosts: GitHubHosts, client: OAuthClient, input: { code: string; verifier: string; redirectUri: string; now: number }): Promise<UserTokens> {
  return tokenRequest(hosts, client, { code: input.code, code_verifier: input.verifier, redirect_uri: input.redirectUri }, input.now);
}

export async function refreshUserToken(hosts: GitHubHosts, client: OAuthClient, input: { refreshToken: string; now: number }): Promise<UserTokens> {
  return tokenRequest(hosts, client, { grant_type: "refresh_token", refresh_token: input.refreshToken }, input.now);
}

/** The signed-in user's login (`GET /user`); "unauthorized" when GitHub does not take the token. */
export async function readUserLogin(hosts: GitHubHosts, token: string): Promise<string | "unauthorized"> {
  const body = await apiGet(hosts, token, "/user");
  if (body === "unauthorized") return body;
  const login = (body as { login?: unknown }).login;
  if (typeof login !== "string" || login === "") throw new SignInError("GitHub answered /user without a login.");
  return login;
}

/** The installations the user can reach and, for each, the repositories; "unauthorized" when GitHub no longer takes the token. */
export async function readUserInstallations(
  hosts: GitHubHosts,
  token: string,
): Promise<Array<{ id: number; owner: string; repos: Array<{ owner: string; name: string }> }> | "unauthorized"> {
  const installations: Array<{ id: number; owner: string }> = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const body = await apiGet(hosts, token, `/user/installations?per_page=100&page=${page}`);
    if (body === "unauthorized") return body;
    const list = (body as { installations?: unknown }).installations;
    if (!Array.isArray(list)) throw new SignInError("GitHub answered /user/installations without a list of installations.");
    for (const item of list as Array<{ id?: unknown; account?: { login?: unknown } }>) {
      if (typeof item.id === "number" && typeof item.account?.login === "string") installations.push({ id: item.id, owner: item.account.login });
    }
    if (list.length < 100) break;
  }
  const result: Array<{ id: number; owner: string; repos: Array<{ owner: string; name: string }> }> = [];
  for (const installation of installations) {
    const repos: Array<{ owner: string; name: string }> = [];
    for (let page = 1; page <= MAX_PAGES; page++) {
      const body = await apiGet(hosts, token, `/user/installations/${installation.id}/repositories?per_page=100&page=${page}`);
      if (body === "unauthorized") return body;
      const list = (body as { repositories?: unknown }).repositories;
      if (!Array.isArray(list)) throw new SignInError("GitHub answered an installation's repositories without a list.");
      for (const item of list as Array<{ name?: unknown; owner?: { login?: unknown } }>) {
        if (typeof item.name === "string" && typeof item.owner?.login === "string") repos.push({ owner: item.owner.login, name: item.name });
      }
      if (list.length < 100) break;
    }
    result.push({ ...installation, repos });
  }
  return result;
}

async function tokenRequest(hosts: GitHubHosts, client: OAuthClient, fields: Record<string, string>, now: number): Promise<UserTokens> {
  const response = await fetch(new URL("/login/oauth/access_token", hosts.web), {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify({ client_id: client.clientId, client_secret: client.clientSecret, ...fields }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  unavailable(response, "/login/oauth/access_token");
  const body = (await boundedJson(response)) as { access_token?: unknown; refresh_token?: unknown; expires_in?: unknown; error?: unknown };
  if (typeof body.error === "string") throw new SignInError(`GitHub refused the sign-in (${body.error.slice(0, 100)}).`);
  if (!response.ok || typeof body.access_token !== "string") throw new SignInError(`GitHub's token endpoint answered ${response.status} without a token.`);
  return {
    token: body.access_token,
    refreshToken: typeof body.refresh_token === "string" ? body.refresh_token : null,
    tokenExpiresAt: typeof body.expires_in === "number" ? now + body.expires_in * 1000 : null,
  };
}

async function apiGet(hosts: GitHubHosts, token: string, path: string): Promise<unknown> {
  const response = await fetch(`${hosts.api}${path}`, {
    headers: { authorization: `Bearer ${token}`, accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28" },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (response.status === 401) return "unauthorized";
  unavailable(response, path.split("?")[0] ?? path);
  if (!response.ok) throw new SignInError(`GitHub answered ${response.status} to ${path.split("?")[0]}.`);
  return boundedJson(response);
}

function unavailable(response: Response, path: string): void {
  if (response.status >= 500 || response.status === 429) throw new GitHubUnavailableError(`GitHub answered ${response.status} to ${path}; try again in a minute.`);
}

async function boundedJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new SignInError("GitHub's answer was larger than 1 MB; refused.");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SignInError(`GitHub answered ${response.status} with something that is not JSON.`);
  }
}
