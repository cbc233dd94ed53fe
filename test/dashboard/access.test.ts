import { afterEach, describe, expect, it } from "vitest";
import { openStore } from "../../src/store/db.js";
import { fixedSource, makeScopeFigures, startDashboard, type RunningDashboard } from "./dashboard-fixtures.js";

let app: RunningDashboard | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(apiToken: string | null = "s3cret-token") {
  app = await startDashboard({ source: fixedSource(makeScopeFigures()), apiToken: apiToken ?? undefined });
  return app;
}

/** Opens the login form like a browser: its CSRF cookie and hidden field. */
async function openLogin(url: string, next = "") {
  const response = await fetch(`${url}/dashboard/login${next ? `?next=${encodeURIComponent(next)}` : ""}`);
  const html = await response.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  const cookie = (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { response, html, csrf, cookie };
}

function postLogin(url: string, params: { cookie: string; csrf: string; token: string; next?: string; origin?: string }) {
  return fetch(`${url}/dashboard/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: params.cookie, origin: params.origin ?? url },
    body: new URLSearchParams({ csrf: params.csrf, token: params.token, next: params.next ?? "/dashboard" }).toString(),
  });
}

describe("dashboard access", () => {
  it("answers 401 with a way to sign in when nothing is sent", async () => {
    const { url } = await start();
    const response = await fetch(`${url}/dashboard/acme/api?from=2024-05-01`);
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain("Sign-in required");
    expect(html).toContain(`href="/dashboard/login?next=${encodeURIComponent("/dashboard/acme/api?from=2024-05-01")}"`);
    expect(html).not.toContain('id="phase-chart"');
  });

  it("serves pages to the bearer token and refuses a wrong one", async () => {
    const { url } = await start();
    const ok = await fetch(`${url}/dashboard/acme/api`, { headers: { authorization: "Bearer s3cret-token" } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(await ok.text()).toContain(`id="phase-chart"`);
    const wrong = await fetch(`${url}/dashboard`, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("does not match SHIPSHAPE_API_TOKEN");
  });

  it("shows the login page for a wrong session cookie", async () => {
    const { url } = await start();
    const response = await fetch(`${url}/dashboard/acme`, { headers: { cookie: "shipshape_session=forged" } });
    expect(response.status).toBe(401);
    const html = await response.text();
    expect(html).toContain(`<form method="post" action="/dashboard/login">`);
    expect(html).toContain("Your session has ended");
    expect(html).toContain(`name="next" value="/dashboard/acme"`);
  });

  it("signs in once through the form: HttpOnly SameSite=Strict session cookie that is not the token", async () => {
    const { url } = await start();
    const form = await openLogin(url, "/dashboard/acme/api?from=2024-05-01");
    expect(form.response.headers.get("set-cookie")).toMatch(/^shipshape_login_csrf=[^;]+; Path=\/dashboard\/login; Max-Age=3600; HttpOnly; SameSite=Strict$/);
    const response = await postLogin(url, { ...form, token: "s3cret-token", next: "/dashboard/acme/api?from=2024-05-01" });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/dashboard/acme/api?from=2024-05-01");
    const setCookie = response.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^shipshape_session=[A-Za-z0-9_-]{43}; Path=\/dashboard; Max-Age=604800; HttpOnly; SameSite=Strict$/);
    expect(setCookie).not.toContain("s3cret-token");

    const session = setCookie.split(";")[0] ?? "";
    const page = await fetch(`${url}/dashboard/acme/api`, { headers: { cookie: session } });
    expect(page.status).toBe(200);
    const html = await page.text();
    const logoutToken = /action="\/dashboard\/logout"><input type="hidden" name="csrf" value="([^"]+)"/.exec(html)?.[1];
    expect(logoutToken).toBeTruthy();

    const forgedLogout = await fetch(`${url}/dashboard/logout`, { method: "POST", redirect: "manual", headers: { cookie: session, "content-type": "application/x-www-form-urlencoded" }, body: "csrf=guess" });
    expect(forgedLogout.status).toBe(403);
    const logout = await fetch(`${url}/dashboard/logout`, { method: "POST", redirect: "manual", headers: { cookie: session, origin: url, "content-type": "application/x-www-form-urlencoded" }, body: `csrf=${logoutToken}` });
    expect(logout.status).toBe(303);
    expect(logout.headers.get("set-cookie")).toContain("shipshape_session=; Path=/dashboard; Max-Age=0");
    expect((await fetch(`${url}/dashboard/acme/api`, { headers: { cookie: session } })).status).toBe(401);
  });

  it("ends every session when the operator changes SHIPSHAPE_API_TOKEN", async () => {
    const db = await openStore({ dataDir: ":memory:" });
    const before = await startDashboard({ db, source: fixedSource(makeScopeFigures()), apiToken: "old-token" });
    const after = await startDashboard({ db, source: fixedSource(makeScopeFigures()), apiToken: "new-token" });
    try {
      const form = await openLogin(before.url);
      const session = ((await postLogin(before.url, { ...form, token: "old-token" })).headers.get("set-cookie") ?? "").split(";")[0] ?? "";
      expect((await fetch(`${before.url}/dashboard`, { headers: { cookie: session } })).status).toBe(200);
      const response = await fetch(`${after.url}/dashboard`, { headers: { cookie: session } });
      expect(response.status).toBe(401);
      expect(await response.text()).toContain("Your session has ended");
    } finally {
      await before.close();
      await after.close();
      await db.close();
    }
  });

  it.each([
    ["a wrong token", { token: "guess" }, 401, "That token does not match"],
    ["a forged CSRF field", { token: "s3cret-token", csrf: "forged" }, 403, "sign-in form had expired"],
    ["another site's Origin", { token: "s3cret-token", origin: "https://evil.example" }, 403, "did not come from a page of this dashboard"],
  ])("refuses a login with %s", async (_name, change, status, message) => {
    const { url } = await start();
    const form = await openLogin(url);
    const response = await postLogin(url, { ...form, ...change });
    expect(response.status).toBe(status);
    expect(response.headers.get("set-cookie") ?? "").not.toContain("shipshape_session");
    expect(await response.text()).toContain(message);
  });

  it("never redirects off the dashboard after login", async () => {
    const { url } = await start();
    const form = await openLogin(url);
    const response = await postLogin(url, { ...form, token: "s3cret-token", next: "//evil.example/dashboard" });
    expect(response.headers.get("location")).toBe("/dashboard");
  });

  it("lets nobody in when SHIPSHAPE_API_TOKEN is unset", async () => {
    const { url } = await start(null);
    expect((await fetch(`${url}/dashboard`, { headers: { authorization: "Bearer " } })).status).toBe(401);
    const form = await openLogin(url);
    const response = await postLogin(url, { ...form, token: "" });
    expect(response.status).toBe(401);
    expect(await response.text()).toContain("SHIPSHAPE_API_TOKEN is not set");
  });

  it("answers 400 with the reason for a bad date range", async () => {
    const { url } = await start();
    const response = await fetch(`${url}/dashboard/acme/api?from=2024-06-10&to=2024-06-01`, { headers: { authorization: "Bearer s3cret-token" } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("is after &quot;to&quot;");
  });
});
