import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { sessionsCommand } from "../../src/cli/commands/sessions.js";
import type { Db } from "../../src/store/db.js";
import { cliContext } from "../helpers/cli-context.js";
import { stores } from "../helpers/stores.js";
import { fixedSource, makeScopeFigures, startDashboard } from "./dashboard-fixtures.js";
import { askedOf, logoutTokenOf, signIn, startSignInWorld, type SignInWorld } from "./sign-in-fixtures.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe.each(stores)("a GitHub sign-in session's life on $name", ({ open }) => {
  let db: Db;
  let world: SignInWorld;
  let cookie: string;
  beforeEach(async () => {
    db = await open();
    world = await startSignInWorld({ db });
    cookie = (await signIn(world)).cookie;
    world.fake.clearRequests();
  });
  afterEach(async () => {
    await world.close();
    await db.close();
  });

  const page = (path = "/dashboard") => fetch(`${world.url}${path}`, { redirect: "manual", headers: { cookie } });

  it("re-reads the scope from GitHub after 15 minutes, with the same token, and keeps the new one", async () => {
    world.advance(14 * MINUTE);
    expect((await page()).status).toBe(200);
    expect(world.fake.requests).toEqual([]);

    const before = await world.session(cookie);
    world.fake.oauthUsers.get("ada")?.installations.splice(1, 1, { id: 13, account: "acme-labs", repos: ["radar"] });
    world.advance(2 * MINUTE);
    expect((await page()).status).toBe(200);
    expect(askedOf(world.fake.requests)).toEqual(["GET /user/installations", "GET /user/installations/:id/repositories", "GET /user/installations/:id/repositories"]);
    expect(world.fake.requests.map((r) => r.token)).toEqual([before?.token, before?.token, before?.token]);
    const after = await world.session(cookie);
    expect(after?.scope).toEqual({ kind: "some", owners: new Set(), repos: new Set(["acme/api", "acme/web", "acme-labs/radar"]) });
    expect(after?.refreshedAt).toBeGreaterThanOrEqual(world.now() - 1000);
    expect(after?.token).toBe(before?.token);

    world.fake.clearRequests();
    expect((await page()).status).toBe(200);
    expect(world.fake.requests).toEqual([]);
  });

  it("refreshes an ended user token with the refresh token, stores the new pair sealed, and re-reads the scope with it", async () => {
    const before = await world.session(cookie);
    world.advance(8 * HOUR);
    world.fake.expireUserTokens();
    expect((await page()).status).toBe(200);
    expect(askedOf(world.fake.requests)).toEqual(["POST /login/oauth/access_token", "GET /user/installations", "GET /user/installations/:id/repositories", "GET /user/installations/:id/repositories"]);
    const [refresh, ...reads] = world.fake.requests;
    expect(refresh?.body).toEqual({ client_id: "Iv1.fakeclient", client_secret: "fake-client-secret", grant_type: "refresh_token", refresh_token: before?.refreshToken });
    const after = await world.session(cookie);
    expect(after?.token).toMatch(/^ghu_fake_/);
    expect(after?.token).not.toBe(before?.token);
    expect(after?.refreshToken).not.toBe(before?.refreshToken);
    expect(after?.tokenExpiresAt).toBeGreaterThan(world.now() + 7 * HOUR);
    expect(reads.map((r) => [r.token, r.status])).toEqual(reads.map(() => [after?.token, 200]));
  });

  it("refreshes once when GitHub answers 401 to a token it said was still good", async () => {
    world.fake.expireUserTokens();
    world.advance(16 * MINUTE);
    expect((await page()).status).toBe(200);
    expect(askedOf(world.fake.requests)).toEqual(["GET /user/installations", "POST /login/oauth/access_token", "GET /user/installations", "GET /user/installations/:id/repositories", "GET /user/installations/:id/repositories"]);
    expect(world.fake.requests[0]?.status).toBe(401);
    expect((await world.session(cookie))?.revokedAt).toBeNull();
  });

  it("ends the session and sends the viewer to sign in again when the refresh is refused", async () => {
    const before = await world.session(cookie);
    // The refresh token is single-use: spent elsewhere, GitHub refuses it to us.
    const spent = await fetch(`http://${world.fake.host}/login/oauth/access_token`, { method: "POST", headers: { "content-type": "application/json", accept: "application/json" }, body: JSON.stringify({ client_id: world.fake.oauthClient.id, client_secret: world.fake.oauthClient.secret, grant_type: "refresh_token", refresh_token: before?.refreshToken }) });
    expect(spent.status).toBe(200);
    world.fake.clearRequests();
    world.advance(8 * HOUR);
    world.fake.expireUserTokens();
    const answer = await page("/dashboard/acme/api");
    expect(answer.status).toBe(401);
    const html = await answer.text();
    expect(html).toContain("Your session has ended or is not valid any more. Sign in again.");
    expect(html).toContain(`href="/dashboard/login?next=%2Fdashboard%2Facme%2Fapi">Sign in with GitHub</a>`);
    expect(askedOf(world.fake.requests)).toEqual(["POST /login/oauth/access_token"]);
    expect(world.fake.requests[0]?.body).toMatchObject({ grant_type: "refresh_token", refresh_token: before?.refreshToken });
    expect((await world.session(cookie))?.revokedAt).not.toBeNull();
    world.fake.clearRequests();
    expect((await page()).status).toBe(401);
    expect(world.fake.requests).toEqual([]);
  });

  it("signs out: the row is revoked server-side, the cookie cleared, and the old cookie opens nothing; a forged form is refused", async () => {
    const token = logoutTokenOf(await (await page()).text());
    expect(token).not.toBe("");
    const forged = await fetch(`${world.url}/dashboard/logout`, { method: "POST", redirect: "manual", headers: { cookie, origin: world.url, "content-type": "application/x-www-form-urlencoded" }, body: "csrf=guess" });
    expect(forged.status).toBe(403);
    expect((await world.session(cookie))?.revokedAt).toBeNull();
    const crossSite = await fetch(`${world.url}/dashboard/logout`, { method: "POST", redirect: "manual", headers: { cookie, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, body: `csrf=${token}` });
    expect(crossSite.status).toBe(403);
    expect((await world.session(cookie))?.revokedAt).toBeNull();

    const out = await fetch(`${world.url}/dashboard/logout`, { method: "POST", redirect: "manual", headers: { cookie, origin: world.url, "content-type": "application/x-www-form-urlencoded" }, body: `csrf=${token}` });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/dashboard/login?with=token");
    expect(out.headers.get("set-cookie")).toMatch(/^shipshape_session=; Path=\/dashboard; Max-Age=0/);
    expect((await world.session(cookie))?.revokedAt).not.toBeNull();
    expect((await page()).status).toBe(401);
    expect(world.fake.requests).toEqual([]);
  });

  it("ends a live session on its next page when the operator runs `shipshape sessions revoke`", async () => {
    expect((await page()).status).toBe(200);
    const listed = cliContext(() => db);
    expect(await sessionsCommand.run(["list"], listed.context)).toBe(0);
    const id = /ses_[0-9a-f]{12}/.exec(listed.out[1] ?? "")?.[0] ?? "";
    expect(listed.out[1]).toContain("ada    3 repos");
    const revoked = cliContext(() => db);
    expect(await sessionsCommand.run(["revoke", id], revoked.context)).toBe(0);
    const answer = await page("/dashboard/acme");
    expect(answer.status).toBe(401);
    expect(await answer.text()).toContain("Your session has ended");
    expect(world.fake.requests).toEqual([]);
  });

  it("keeps the session on the stored scope while GitHub fails (at most an hour), and re-reads once it answers", async () => {
    const before = await world.session(cookie);
    world.advance(16 * MINUTE);
    world.fake.inject({ kind: "502", times: 1, methods: ["GET"] });
    expect((await page()).status).toBe(200);
    expect(world.fake.requests.map((r) => [r.route, r.status])).toEqual([["GET /user/installations", 502]]);
    expect(await world.session(cookie)).toMatchObject({ revokedAt: null, refreshedAt: before?.refreshedAt });

    world.fake.clearRequests();
    expect((await page()).status).toBe(200);
    expect(askedOf(world.fake.requests)).toEqual(["GET /user/installations", "GET /user/installations/:id/repositories", "GET /user/installations/:id/repositories"]);
    expect((await world.session(cookie))?.refreshedAt).toBeGreaterThan(before?.refreshedAt ?? Infinity);

    world.fake.clearRequests();
    world.advance(61 * MINUTE);
    world.fake.inject({ kind: "502", times: 1, methods: ["GET"] });
    expect((await page()).status).toBe(401);
    expect(world.fake.requests.map((r) => [r.route, r.status])).toEqual([["GET /user/installations", 502]]);
    // Not revoked: once GitHub is back, the same cookie works again.
    expect((await world.session(cookie))?.revokedAt).toBeNull();
    expect((await page()).status).toBe(200);
  });

  it("opens nothing once sign-in with GitHub is switched off", async () => {
    const off = await startDashboard({ db, source: fixedSource(makeScopeFigures()) });
    try {
      const answer = await fetch(`${off.url}/dashboard`, { headers: { cookie } });
      expect(answer.status).toBe(401);
      expect(await answer.text()).toContain("Your session has ended");
    } finally {
      await off.close();
    }
  });

  it("ends the session when its week is over", async () => {
    world.advance(7 * 24 * HOUR);
    world.fake.clearRequests();
    expect((await page()).status).toBe(401);
    expect(world.fake.requests).toEqual([]);
    expect((await world.session(cookie))?.revokedAt).not.toBeNull();
  });
});
