import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FakeGitHubServer } from "../helpers/fake-github-server.js";
import { newPkce } from "../../src/auth/oauth.js";

// The fake's OAuth endpoints are what the sign-in tests stand on: they must refuse what GitHub refuses.
describe("fake GitHub OAuth endpoints", () => {
  let fake: FakeGitHubServer;
  const redirectUri = "http://127.0.0.1:9/dashboard/callback";

  beforeEach(async () => {
    fake = await new FakeGitHubServer().start();
    fake.addOAuthUser({ login: "ada", installations: [{ id: 11, account: "acme", repos: ["api", "web"] }] });
    fake.addOAuthUser({ login: "bob", installations: [{ id: 22, account: "globex", repos: ["shop"] }] });
  });
  afterEach(async () => fake.stop());

  async function authorize(challenge: string, state = "s1"): Promise<URL> {
    const url = new URL(`http://${fake.host}/login/oauth/authorize`);
    url.search = new URLSearchParams({ client_id: fake.oauthClient.id, redirect_uri: redirectUri, state, code_challenge: challenge, code_challenge_method: "S256" }).toString();
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(302);
    return new URL(res.headers.get("location") ?? "");
  }

  async function token(body: Record<string, string>): Promise<Record<string, unknown>> {
    const res = await fetch(`http://${fake.host}/login/oauth/access_token`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ client_id: fake.oauthClient.id, client_secret: fake.oauthClient.secret, ...body }),
    });
    return (await res.json()) as Record<string, unknown>;
  }

  async function get(path: string, accessToken: unknown): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${fake.baseUrl}${path}`, { headers: { authorization: `Bearer ${String(accessToken)}` } });
    return { status: res.status, body: await res.json() };
  }

  it("signs in the configured user, checks the PKCE verifier, and answers that user's installations and repositories", async () => {
    fake.signedInAs = "ada";
    const pkce = newPkce();
    const back = await authorize(pkce.challenge, "st-ada");
    expect(back.origin + back.pathname).toBe(redirectUri);
    expect(back.searchParams.get("state")).toBe("st-ada");
    const code = back.searchParams.get("code") ?? "";

    expect(await token({ code, code_verifier: newPkce().verifier, redirect_uri: redirectUri })).toMatchObject({ error: "bad_verification_code" });
    // The failed try used the code up, as GitHub does: a fresh one with the right verifier works.
    expect(await token({ code, code_verifier: pkce.verifier, redirect_uri: redirectUri })).toMatchObject({ error: "bad_verification_code" });
    const again = (await authorize(pkce.challenge)).searchParams.get("code") ?? "";
    const granted = await token({ code: again, code_verifier: pkce.verifier, redirect_uri: redirectUri });
    expect(granted).toMatchObject({ token_type: "bearer", expires_in: 8 * 3600 });
    expect(await token({ code: again, code_verifier: pkce.verifier, redirect_uri: redirectUri })).toMatchObject({ error: "bad_verification_code" });

    const installations = await get("/user/installations", granted.access_token);
    expect(installations).toEqual({ status: 200, body: { total_count: 1, installations: [{ id: 11, account: { login: "acme", type: "Organization" }, target_type: "Organization" }] } });
    const repos = await get("/user/installations/11/repositories", granted.access_token);
    expect((repos.body as { repositories: Array<{ full_name: string }> }).repositories.map((r) => r.full_name)).toEqual(["acme/api", "acme/web"]);
    expect((await get("/user/installations/22/repositories", granted.access_token)).status).toBe(404);
    expect(fake.countByRoute()).toEqual({
      "GET /login/oauth/authorize": 2,
      "POST /login/oauth/access_token": 4,
      "GET /user/installations": 1,
      "GET /user/installations/:id/repositories": 2,
    });
    expect(fake.writes()).toEqual([]);
  });

  it("refuses wrong client credentials and an expired user token; a refresh token works once", async () => {
    fake.signedInAs = "bob";
    const pkce = newPkce();
    const code = (await authorize(pkce.challenge)).searchParams.get("code") ?? "";
    expect(await token({ code, code_verifier: pkce.verifier, client_secret: "wrong" })).toMatchObject({ error: "incorrect_client_credentials" });
    const code2 = (await authorize(pkce.challenge)).searchParams.get("code") ?? "";
    const granted = await token({ code: code2, code_verifier: pkce.verifier });
    expect((await get("/user/installations", granted.access_token)).status).toBe(200);

    fake.expireUserTokens();
    expect((await get("/user/installations", granted.access_token)).status).toBe(401);
    const refreshed = await token({ grant_type: "refresh_token", refresh_token: String(granted.refresh_token) });
    expect(refreshed.access_token).toMatch(/^ghu_fake_/);
    expect((await get("/user/installations", refreshed.access_token)).body).toMatchObject({ installations: [{ account: { login: "globex" } }] });
    expect(await token({ grant_type: "refresh_token", refresh_token: String(granted.refresh_token) })).toMatchObject({ error: "bad_refresh_token" });
  });

  it("refuses to authorize without a PKCE challenge or without a signed-in test user", async () => {
    const url = new URL(`http://${fake.host}/login/oauth/authorize`);
    url.search = new URLSearchParams({ client_id: fake.oauthClient.id, redirect_uri: redirectUri, state: "x" }).toString();
    expect((await fetch(url, { redirect: "manual" })).status).toBe(400);
    url.searchParams.set("code_challenge", newPkce().challenge);
    url.searchParams.set("code_challenge_method", "S256");
    expect((await fetch(url, { redirect: "manual" })).status).toBe(403);
  });
});
