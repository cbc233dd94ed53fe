import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHubServer } from "../helpers/fake-github-server.js";
import { githubHosts, newPkce } from "../../src/auth/oauth.js";
import { SignInError, exchangeCode, readUserInstallations, refreshUserToken } from "../../src/github/user-oauth.js";

describe("user OAuth calls against the fake GitHub (GHE_HOST)", () => {
  let fake: FakeGitHubServer;
  const redirectUri = "http://127.0.0.1:9/dashboard/callback";

  beforeEach(async () => {
    fake = await new FakeGitHubServer().start();
    fake.addOAuthUser({ login: "ada", installations: [{ id: 11, account: "acme", repos: ["api", "web"] }, { id: 12, account: "initech", repos: ["tps"] }] });
    fake.signedInAs = "ada";
  });
  afterEach(async () => fake.stop());

  async function code(challenge: string): Promise<string> {
    const url = new URL(`http://${fake.host}/login/oauth/authorize`);
    url.search = new URLSearchParams({ client_id: fake.oauthClient.id, redirect_uri: redirectUri, state: "s", code_challenge: challenge, code_challenge_method: "S256" }).toString();
    const res = await fetch(url, { redirect: "manual" });
    return new URL(res.headers.get("location") ?? "").searchParams.get("code") ?? "";
  }

  it("trades the code for tokens, reads the installations and repositories, refreshes an ended token", async () => {
    const hosts = githubHosts(fake.host, "http");
    const client = { clientId: fake.oauthClient.id, clientSecret: fake.oauthClient.secret };
    const pkce = newPkce();
    const tokens = await exchangeCode(hosts, client, { code: await code(pkce.challenge), verifier: pkce.verifier, redirectUri, now: 1_000 });
    expect(tokens.tokenExpiresAt).toBe(1_000 + 8 * 3600 * 1000);
    expect(tokens.refreshToken).toMatch(/^ghr_fake_/);

    expect(await readUserInstallations(hosts, tokens.token)).toEqual([
      { id: 11, owner: "acme", repos: [{ owner: "acme", name: "api" }, { owner: "acme", name: "web" }] },
      { id: 12, owner: "initech", repos: [{ owner: "initech", name: "tps" }] },
    ]);
    fake.expireUserTokens();
    expect(await readUserInstallations(hosts, tokens.token)).toBe("unauthorized");
    const refreshed = await refreshUserToken(hosts, client, { refreshToken: tokens.refreshToken ?? "", now: 2_000 });
    expect(await readUserInstallations(hosts, refreshed.token)).toHaveLength(2);
    await expect(refreshUserToken(hosts, client, { refreshToken: tokens.refreshToken ?? "", now: 3_000 })).rejects.toThrow(/GitHub refused the sign-in \(bad_refresh_token\)/);

    const byRoute = fake.countByRoute();
    expect(byRoute).toEqual({
      "GET /login/oauth/authorize": 1,
      "POST /login/oauth/access_token": 3,
      "GET /user/installations": 3,
      "GET /user/installations/:id/repositories": 4,
    });
    expect(fake.requests.filter((r) => r.route === "GET /user/installations").every((r) => r.query.per_page === "100")).toBe(true);
  });

  it("a wrong PKCE verifier is refused with a clear error", async () => {
    const hosts = githubHosts(fake.host, "http");
    const pkce = newPkce();
    const attempt = exchangeCode(hosts, { clientId: fake.oauthClient.id, clientSecret: fake.oauthClient.secret }, { code: await code(pkce.challenge), verifier: newPkce().verifier, redirectUri, now: 0 });
    await expect(attempt).rejects.toBeInstanceOf(SignInError);
    expect(fake.requests.map((r) => r.route)).toEqual(["GET /login/oauth/authorize", "POST /login/oauth/access_token"]);
  });
});
