import { existsSync, mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { storeFiguresSource } from "../../src/reporting/load-figures.js";
import { openStore, type Db } from "../../src/store/db.js";
import { listGitHubSessions } from "../../src/store/github-sessions.js";
import { seedDashboard, seedSecondOwner } from "./seed-dashboard.js";
import { startSignInWorld, type SignInWorld } from "./sign-in-fixtures.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Browser sign-in test skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run does).`);
const OUT = "test-output";
// The dashboard gets a name of its own, so coming back from the fake GitHub (127.0.0.1) is a
// cross-site navigation, as from github.com: a SameSite=Strict cookie would not survive it.
const HOST = "shipshape.test";
const RANGE = "from=2024-05-13&to=2024-06-02";

let db: Db;
let world: SignInWorld;
let browser: Browser;

describe.skipIf(!hasChromium)("sign in with GitHub in Chromium", () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    db = await openStore({ dataDir: ":memory:" });
    await seedDashboard(db);
    await seedSecondOwner(db);
    world = await startSignInWorld({ db, source: storeFiguresSource(db) });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", `--host-resolver-rules=MAP ${HOST} 127.0.0.1`],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await world?.close();
    await db?.close();
  });

  it("clicks Sign in with GitHub, authorizes at the fake GitHub, lands back on the page signed in as the test user, and signs out", async () => {
    const base = world.url.replace("127.0.0.1", HOST);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const first = await page.goto(`${base}/dashboard/acme/api?${RANGE}`);
    expect(first?.status()).toBe(401);
    await page.screenshot({ path: `${OUT}/sign-in-401.png` });

    // The 401 page is at the same URL: wait for the signed-in header, not for the URL.
    await page.click("a.primary:text-is(\"Sign in with GitHub\")");
    await page.waitForSelector("header .who");
    expect(page.url()).toBe(`${base}/dashboard/acme/api?${RANGE}`);
    // The browser itself went to the fake GitHub's authorize page, sent there by /dashboard/login.
    const authorize = world.fake.requests.filter((r) => r.route === "GET /login/oauth/authorize");
    expect(authorize.map((r) => [r.status, r.query.redirect_uri, r.query.code_challenge_method])).toEqual([[302, `${base}/dashboard/callback`, "S256"]]);
    expect(await page.textContent("header .who")).toBe("Signed in as ada");
    expect(await page.isVisible("#phase-chart")).toBe(true);
    await page.screenshot({ path: `${OUT}/sign-in-done.png`, fullPage: true });

    const session = (await context.cookies()).find((c) => c.name === "shipshape_session");
    expect(session).toMatchObject({ domain: HOST, path: "/dashboard", httpOnly: true, sameSite: "Lax" });
    expect(session?.value).toMatch(/^gh\./);
    expect((await listGitHubSessions(db)).filter((s) => s.revokedAt === null).map((s) => [s.login, s.repos])).toEqual([["ada", 3]]);
    expect(world.fake.requests.filter((r) => r.route !== "GET /login/oauth/authorize").map((r) => [r.route, r.status])).toEqual([
      ["POST /login/oauth/access_token", 200],
      ["GET /user", 200],
      ["GET /user/installations", 200],
      ["GET /user/installations/:id/repositories", 200],
      ["GET /user/installations/:id/repositories", 200],
    ]);

    await Promise.all([page.waitForURL(`${base}/dashboard/login?with=token`), page.click("header button[type=submit]")]);
    expect(await page.isVisible("a.primary:text-is(\"Sign in with GitHub\")")).toBe(true);
    expect((await context.cookies()).find((c) => c.name === "shipshape_session")).toBeUndefined();
    expect((await listGitHubSessions(db)).filter((s) => s.revokedAt === null)).toEqual([]);
    expect((await page.goto(`${base}/dashboard/acme/api`))?.status()).toBe(401);
    await context.close();
  });

  /** Signs `login` in at the fake GitHub from a fresh browser context, starting at `path`. */
  async function signedIn(login: string, path: string): Promise<Page> {
    world.fake.signedInAs = login;
    const base = world.url.replace("127.0.0.1", HOST);
    const page = await (await browser.newContext()).newPage();
    expect((await page.goto(`${base}${path}`))?.status()).toBe(401);
    await page.click("a.primary:text-is(\"Sign in with GitHub\")");
    await page.waitForSelector("header .who");
    expect(await page.textContent("header .who")).toBe(`Signed in as ${login}`);
    return page;
  }

  it("shows two people different owners and repositories, and a repository outside their access is 404", async () => {
    const base = world.url.replace("127.0.0.1", HOST);
    const scopes = (page: Page) => page.$$eval("#scopes tr[data-scope]", (rows) => rows.map((r) => r.getAttribute("data-scope")));
    const ada = await signedIn("ada", `/dashboard?${RANGE}`);
    const bob = await signedIn("bob", `/dashboard?${RANGE}`);
    expect(await scopes(ada)).toEqual(["acme/api", "acme/web"]);
    expect(await scopes(bob)).toEqual(["globex/shop"]);
    await ada.screenshot({ path: `${OUT}/sign-in-ada-overview.png`, fullPage: true });
    await bob.screenshot({ path: `${OUT}/sign-in-bob-overview.png`, fullPage: true });

    expect((await ada.goto(`${base}/dashboard/acme/api?${RANGE}`))?.status()).toBe(200);
    expect((await ada.goto(`${base}/dashboard/globex/shop?${RANGE}`))?.status()).toBe(404);
    expect(await ada.textContent("h1")).toBe("Nothing known of globex/shop");
    expect((await bob.goto(`${base}/dashboard/globex/shop?${RANGE}`))?.status()).toBe(200);
    expect((await bob.goto(`${base}/dashboard/acme/api?${RANGE}`))?.status()).toBe(404);
    expect((await bob.goto(`${base}/dashboard/acme?${RANGE}`))?.status()).toBe(404);
    await ada.context().close();
    await bob.context().close();
  });
});
