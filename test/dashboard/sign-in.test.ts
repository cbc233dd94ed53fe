import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "../../src/env.js";
import { dashboardRoutes } from "../../src/http/dashboard-routes.js";
import type { Db } from "../../src/store/db.js";
import { listGitHubSessions } from "../../src/store/github-sessions.js";
import { stores } from "../helpers/stores.js";
import { fixedSource, makeScopeFigures } from "./dashboard-fixtures.js";
import { askedOf, cookieOf, signIn, startSignIn, startSignInWorld, type SignInWorld } from "./sign-in-fixtures.js";

describe.each(stores)("sign in with GitHub on $name", ({ open }) => {
  let db: Db;
  let world: SignInWorld;
  beforeEach(async () => {
    db = await open();
    world = await startSignInWorld({ db });
  });
  afterEach(async () => {
    await world.close();
    await db.close();
  });

  it("sends the browser to GitHub's authorize page with the client, this host's callback, a state and a PKCE S256 challenge", async () => {
    const login = await fetch(`${world.url}/dashboard/login?next=${encodeURIComponent("/dashboard/acme/api?from=2024-05-01")}`, { redirect: "manual" });
    expect(login.status).toBe(302);
    const location = new URL(login.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe(`http://${world.fake.host}/login/oauth/authorize`);
    const q = Object.fromEntries(location.searchParams);
    expect(q).toEqual({ client_id: "Iv1.fakeclient", redirect_uri: `${world.url}/dashboard/callback`, state: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/), code_challenge: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), code_challenge_method: "S256" });
    expect(login.headers.get("set-cookie")).toMatch(/^shipshape_login_state=[A-Za-z0-9_-]+; Path=\/dashboard\/callback; Max-Age=600; HttpOnly; SameSite=Lax$/);
    expect(login.headers.get("set-cookie")).not.toContain(q.state);
    // A second visit gets a state and a challenge of its own.
    const again = new URL((await fetch(`${world.url}/dashboard/login`, { redirect: "manual" })).headers.get("location") ?? "");
    expect(again.searchParams.get("state")).not.toBe(q.state);
    expect(again.searchParams.get("code_challenge")).not.toBe(q.code_challenge);
    // Behind an HTTPS proxy the cookie is Secure and the callback is https.
    const proxied = await fetch(`${world.url}/dashboard/login`, { redirect: "manual", headers: { "x-forwarded-proto": "https", "x-forwarded-host": "shipshape.acme.test" } });
    expect(new URL(proxied.headers.get("location") ?? "").searchParams.get("redirect_uri")).toBe("https://shipshape.acme.test/dashboard/callback");
    expect(proxied.headers.get("set-cookie")).toMatch(/; SameSite=Lax; Secure$/);
    expect(world.fake.requests).toEqual([]);
  });

  it("keeps the operator's token form at ?with=token, linking to sign in with GitHub", async () => {
    const form = await fetch(`${world.url}/dashboard/login?with=token&next=/dashboard/acme`);
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain(`<a class="primary" href="/dashboard/login?next=%2Fdashboard%2Facme">Sign in with GitHub</a>`);
    expect(html).toContain(`<form method="post" action="/dashboard/login">`);
    const nothing = await fetch(`${world.url}/dashboard/acme/api`);
    expect(nothing.status).toBe(401);
    const page = await nothing.text();
    expect(page).toContain(`href="/dashboard/login?next=%2Fdashboard%2Facme%2Fapi">Sign in with GitHub</a>`);
    expect(page).toContain(`href="/dashboard/login?with=token&amp;next=%2Fdashboard%2Facme%2Fapi">Sign in with the API token</a>`);
  });

  it("round trip: trades the code with the verifier, reads the user and their installations, opens a week-long Lax session scoped to those repositories", async () => {
    const flow = await signIn(world, "/dashboard/acme/api?from=2024-05-01");
    expect(flow.answer.status).toBe(303);
    expect(flow.answer.headers.get("location")).toBe("/dashboard/acme/api?from=2024-05-01");
    expect(flow.answer.headers.get("set-cookie")).toMatch(/^shipshape_session=gh\.[A-Za-z0-9_-]{43}; Path=\/dashboard; Max-Age=604800; HttpOnly; SameSite=Lax$/);

    expect(askedOf(world.fake.requests)).toEqual([
      "POST /login/oauth/access_token",
      "GET /user",
      "GET /user/installations",
      "GET /user/installations/:id/repositories",
      "GET /user/installations/:id/repositories",
    ]);
    const [exchange, user, installations, acme, initech] = world.fake.requests.filter((r) => r.route !== "GET /login/oauth/authorize");
    const body = exchange?.body as Record<string, string>;
    expect(body).toMatchObject({ client_id: "Iv1.fakeclient", client_secret: "fake-client-secret", redirect_uri: `${world.url}/dashboard/callback`, code: new URL(flow.callback).searchParams.get("code") });
    expect(createHash("sha256").update(body.code_verifier ?? "").digest("base64url")).toBe(flow.authorize.searchParams.get("code_challenge"));
    expect(exchange?.status).toBe(200);
    const token = user?.token;
    expect(token).toMatch(/^ghu_fake_/);
    expect([installations?.token, acme?.token, initech?.token]).toEqual([token, token, token]);
    expect([acme?.path, initech?.path]).toEqual(["/user/installations/11/repositories", "/user/installations/12/repositories"]);

    const session = await world.session(flow.cookie);
    expect(session).toMatchObject({ login: "ada", revokedAt: null, token, expiresAt: session?.createdAt === undefined ? 0 : session.createdAt + 7 * 86_400_000 });
    expect(session?.scope).toEqual({ kind: "some", owners: new Set(), repos: new Set(["acme/api", "acme/web", "initech/payroll"]) });
    // The row keeps no token in the clear.
    const raw = await db.kysely.selectFrom("github_sessions").selectAll().execute();
    expect(JSON.stringify(raw)).not.toContain(String(token));

    world.fake.clearRequests();
    const page = await fetch(`${world.url}/dashboard/acme/api`, { headers: { cookie: flow.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(`<span class="who">Signed in as ada</span><form method="post" action="/dashboard/logout">`);
    // A fresh scope is used as it is: no GitHub request for the page.
    expect(world.fake.requests).toEqual([]);
  });

  it("gives two people their own sessions, each scoped to what GitHub lists for them", async () => {
    const ada = await signIn(world);
    world.fake.signedInAs = "bob";
    const bob = await signIn(world);
    expect(bob.cookie).not.toBe(ada.cookie);
    expect((await world.session(ada.cookie))?.scope).toEqual({ kind: "some", owners: new Set(), repos: new Set(["acme/api", "acme/web", "initech/payroll"]) });
    expect(await world.session(bob.cookie)).toMatchObject({ login: "bob", scope: { kind: "some", owners: new Set(), repos: new Set(["globex/shop"]) } });
    expect(await (await fetch(`${world.url}/dashboard`, { headers: { cookie: bob.cookie } })).text()).toContain("Signed in as bob");
    expect((await listGitHubSessions(db)).map((s) => s.login).sort()).toEqual(["ada", "bob"]);
  });

  it.each([
    ["a forged state", (callback: string, pending: string) => ({ url: callback.replace(/state=[^&]+/, "state=forged"), cookie: pending }), "does not belong to the sign-in this browser started"],
    ["no sign-in cookie", (callback: string) => ({ url: callback, cookie: "" }), "holds no sign-in in progress"],
    ["an altered sign-in cookie", (callback: string, pending: string) => ({ url: callback, cookie: `${pending.slice(0, -4)}AAAA` }), "was altered or made by another server"],
  ])("refuses %s before any token is asked for, storing nothing", async (_name, change, message) => {
    const started = await startSignIn(world);
    const attempt = change(started.callback, started.pending);
    const answer = await fetch(attempt.url, { redirect: "manual", headers: attempt.cookie ? { cookie: attempt.cookie } : {} });
    expect(answer.status).toBe(400);
    const html = await answer.text();
    expect(html).toContain(message);
    expect(html).toContain(`href="/dashboard/login?next=%2Fdashboard">Sign in with GitHub</a>`);
    expect(answer.headers.get("set-cookie")).toMatch(/^shipshape_login_state=; Path=\/dashboard\/callback; Max-Age=0/);
    expect(askedOf(world.fake.requests)).toEqual([]);
    expect(await listGitHubSessions(db)).toEqual([]);
  });

  it("refuses a replayed callback (same URL, same cookie) after the first one signed in", async () => {
    const started = await startSignIn(world);
    const first = await fetch(started.callback, { redirect: "manual", headers: { cookie: started.pending } });
    expect(first.status).toBe(303);
    world.fake.clearRequests();
    const replay = await fetch(started.callback, { redirect: "manual", headers: { cookie: started.pending } });
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("this sign-in answer was already used once");
    expect(cookieOf(replay)).not.toContain("shipshape_session");
    expect(world.fake.requests).toEqual([]);
    expect(await listGitHubSessions(db)).toHaveLength(1);
  });

  it("answers a declined authorization and a code GitHub refuses with a page to sign in again, nothing stored", async () => {
    const declined = await fetch(`${world.url}/dashboard/callback?error=access_denied&error_description=denied&state=x`, { redirect: "manual" });
    expect(declined.status).toBe(400);
    expect(await declined.text()).toContain("Sign in again and choose Authorize on GitHub: the authorization was declined on GitHub, so nothing was stored.");

    const started = await startSignIn(world);
    const badCode = await fetch(started.callback.replace(/code=[^&]+/, "code=fakecode_0000"), { redirect: "manual", headers: { cookie: started.pending } });
    expect(badCode.status).toBe(400);
    expect(await badCode.text()).toContain("Sign in again: GitHub refused the sign-in (bad_verification_code).");
    expect(askedOf(world.fake.requests)).toEqual(["POST /login/oauth/access_token"]);
    expect(await listGitHubSessions(db)).toEqual([]);
  });
});

describe("sign in while GitHub fails", () => {
  it("answers 502 with a page to try again when GitHub's token endpoint fails, storing nothing", async () => {
    const db = await stores[0]!.open();
    const world = await startSignInWorld({ db });
    try {
      const started = await startSignIn(world);
      world.fake.inject({ kind: "502", times: 1, methods: ["POST"] });
      const answer = await fetch(started.callback, { redirect: "manual", headers: { cookie: started.pending } });
      expect(answer.status).toBe(502);
      expect(await answer.text()).toContain("Try signing in again in a minute");
      expect(world.fake.requests.filter((r) => r.route !== "GET /login/oauth/authorize").map((r) => [r.route, r.status])).toEqual([["POST /login/oauth/access_token", 502]]);
      expect(await listGitHubSessions(db)).toEqual([]);
    } finally {
      await world.close();
      await db.close();
    }
  });
});

describe("sign-in settings from the environment", () => {
  const base = { GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "shh", WEBHOOK_SECRET: "a webhook secret long enough" };

  it("needs both client variables or neither, and a sealing secret of 16 characters", () => {
    expect(parseEnv({}).settings.signIn).toBeUndefined();
    expect(() => parseEnv({ GITHUB_CLIENT_ID: "Iv1.abc" })).toThrow(/^Set both GITHUB_CLIENT_ID and GITHUB_CLIENT_SECRET .*GITHUB_CLIENT_SECRET is missing\.$/);
    expect(() => parseEnv({ GITHUB_CLIENT_SECRET: "shh" })).toThrow(/GITHUB_CLIENT_ID is missing\.$/);
    expect(() => parseEnv({ GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "shh" })).toThrow(/^Set SHIPSHAPE_SESSION_SECRET to a random string of at least 16 characters/);
    expect(() => parseEnv({ ...base, SHIPSHAPE_SESSION_SECRET: "short" })).toThrow(/^SHIPSHAPE_SESSION_SECRET must be at least 16 characters/);
    expect(parseEnv(base).settings.signIn).toEqual({ clientId: "Iv1.abc", clientSecret: "shh", sessionSecret: "a webhook secret long enough", hosts: { web: "https://github.com", api: "https://api.github.com" } });
    expect(parseEnv({ ...base, SHIPSHAPE_SESSION_SECRET: "the session secret, apart" }).settings.signIn?.sessionSecret).toBe("the session secret, apart");
  });

  it("sends a GitHub Enterprise Server's users to GHE_PROTOCOL://GHE_HOST to authorize, back to SHIPSHAPE_PUBLIC_URL", async () => {
    const env = parseEnv({ ...base, GHE_HOST: "ghe.acme.corp", GHE_PROTOCOL: "https", SHIPSHAPE_PUBLIC_URL: "https://shipshape.acme.corp/" });
    expect(env.settings.signIn?.hosts).toEqual({ web: "https://ghe.acme.corp", api: "https://ghe.acme.corp/api/v3" });
    const routes = dashboardRoutes({ db: {} as Db, now: () => new Date(), apiToken: "t", source: fixedSource(makeScopeFigures()), signIn: env.settings.signIn, publicUrl: env.settings.publicUrl });
    const login = routes.find((r) => r.pattern === "/dashboard/login" && r.method === "GET");
    const answer = await login?.handle({ method: "GET", path: "/dashboard/login", params: {}, query: new URLSearchParams(), headers: { host: "10.0.0.5:3000" }, body: async () => Buffer.alloc(0) });
    const location = new URL(answer?.headers?.location ?? "");
    expect(location.origin + location.pathname).toBe("https://ghe.acme.corp/login/oauth/authorize");
    expect(location.searchParams.get("redirect_uri")).toBe("https://shipshape.acme.corp/dashboard/callback");
    expect(answer?.headers?.["set-cookie"]).toMatch(/; SameSite=Lax; Secure$/);
  });
});
