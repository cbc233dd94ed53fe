import { existsSync, mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { storeFiguresSource } from "../../src/reporting/load-figures.js";
import { openStore, type Db } from "../../src/store/db.js";
import { startDashboard, type RunningDashboard } from "./dashboard-fixtures.js";
import { H, SEEDED_NOW, seedDashboard } from "./seed-dashboard.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM} (apt-get install -y chromium; .ci/run does).`);
const OUT = "test-output";

let app: RunningDashboard;
let db: Db;
let browser: Browser;

describe.skipIf(!hasChromium)("dashboard in Chromium", () => {
  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    db = await openStore({ dataDir: ":memory:" });
    await seedDashboard(db);
    app = await startDashboard({ db, source: storeFiguresSource(db), now: SEEDED_NOW, apiToken: "s3cret-token" });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  async function signIn(page: Page, path: string, device: string) {
    const first = await page.goto(`${app.url}${path}`);
    expect(first?.status()).toBe(401);
    await page.screenshot({ path: `${OUT}/dashboard-401-${device}.png` });
    await page.click("text=Sign in with the API token");
    await page.fill("#token", "s3cret-token");
    await page.screenshot({ path: `${OUT}/dashboard-login-${device}.png` });
    await Promise.all([page.waitForURL(`${app.url}${path}`), page.click("button[type=submit]")]);
  }

  const segments = (page: Page) =>
    page.$$eval("#phase-chart rect[data-phase]", (rects) => rects.map((r) => [r.getAttribute("data-week"), r.getAttribute("data-phase"), Number(r.getAttribute("data-value"))]));

  it("signs in through the form, shows the seeded figures, switches the range, signs out", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await signIn(page, "/dashboard/acme/api", "laptop");

    const session = (await context.cookies()).find((c) => c.name === "shipshape_session");
    expect(session).toMatchObject({ name: "shipshape_session", httpOnly: true, sameSite: "Strict", path: "/dashboard" });
    expect(session?.value).not.toContain("s3cret");

    expect(await segments(page)).toEqual([
      ["2024-05-20", "coding", 8 * H], ["2024-05-20", "pickup", 5.5 * H], ["2024-05-20", "review", 3.5 * H], ["2024-05-20", "deploy", 3 * H],
      ["2024-05-27", "coding", 4 * H], ["2024-05-27", "pickup", 1 * H], ["2024-05-27", "review", 1 * H], ["2024-05-27", "deploy", 1 * H],
    ]);
    expect(await page.$$eval("#size-chart rect[data-bucket]", (bars) => bars.map((b) => Number(b.getAttribute("data-value"))))).toEqual([1, 1, 0, 1, 0]);
    expect(await page.$$eval("#hygiene-chart rect[data-check]", (bars) => bars.map((b) => [b.getAttribute("data-passed"), b.getAttribute("data-failed")]))).toEqual([["2", "1"], ["0", "0"], ["1", "1"]]);
    expect(await page.getAttribute(".dora[data-key=change_failure_rate]", "data-band")).toBe("low");
    expect(await page.getAttribute("#waiting-table tr[data-pr]", "data-value")).toBe(String(48 * H));
    await page.click("#cycle details summary");
    expect(await page.isVisible("#cycle details dl")).toBe(true);
    await page.screenshot({ path: `${OUT}/dashboard-repo.png`, fullPage: true });

    await page.fill("input[name=from]", "2024-05-27");
    await page.fill("input[name=to]", "2024-06-02");
    await Promise.all([page.waitForURL(/from=2024-05-27&to=2024-06-02/), page.click("form.range button")]);
    expect(await segments(page)).toEqual([["2024-05-27", "coding", 4 * H], ["2024-05-27", "pickup", 1 * H], ["2024-05-27", "review", 1 * H], ["2024-05-27", "deploy", 1 * H]]);
    expect(await page.inputValue("input[name=from]")).toBe("2024-05-27");
    await page.screenshot({ path: `${OUT}/dashboard-repo-range.png`, fullPage: true });

    await page.goto(`${app.url}/dashboard?from=2024-05-13&to=2024-06-02`);
    expect(await page.$$eval("#scopes tr[data-scope]", (rows) => rows.map((r) => [r.getAttribute("data-scope"), r.getAttribute("data-count"), r.getAttribute("data-value")]))).toEqual([
      ["acme", "3", String(20 * H)], ["acme/api", "3", String(20 * H)], ["acme/web", "0", ""],
    ]);
    await page.screenshot({ path: `${OUT}/dashboard-overview.png`, fullPage: true });

    await Promise.all([page.waitForURL(/\/dashboard\/login$/), page.click("header button")]);
    expect((await page.goto(`${app.url}/dashboard/acme/api`))?.status()).toBe(401);
    await context.close();
  });

  it("fits a phone screen without sideways scrolling", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    const page = await context.newPage();
    await signIn(page, "/dashboard/acme", "phone");
    expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")).toBe(true);
    await page.screenshot({ path: `${OUT}/dashboard-phone.png`, fullPage: true });
    await context.close();
  });

  it("shows the login page for a forged session cookie", async () => {
    const context = await browser.newContext();
    await context.addCookies([{ name: "shipshape_session", value: "forged", url: app.url }]);
    const page = await context.newPage();
    const response = await page.goto(`${app.url}/dashboard/acme/api`);
    expect(response?.status()).toBe(401);
    expect(await page.isVisible("#token")).toBe(true);
    await context.close();
  });
});
