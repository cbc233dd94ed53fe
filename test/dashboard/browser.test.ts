import { existsSync, mkdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromium, type Browser, type Page } from "playwright-core";
import { storeFiguresSource } from "../../src/reporting/load-figures.js";
import { openStore, type Db } from "../../src/store/db.js";
import { replaceTeams } from "../../src/store/teams.js";
import { startDashboard, type RunningDashboard } from "./dashboard-fixtures.js";
import { H, SEEDED_NOW, seedDashboard, seedStaleAndFailed } from "./seed-dashboard.js";

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
    await seedStaleAndFailed(db);
    app = await startDashboard({ db, source: storeFiguresSource(db), now: SEEDED_NOW, apiToken: "s3cret-token", githubWebUrl: "https://ghe.acme.corp" });
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
      ["acme/web", "0", ""], ["acme/api", "3", String(20 * H)],
    ]);
    await page.screenshot({ path: `${OUT}/dashboard-overview.png`, fullPage: true });

    await Promise.all([page.waitForURL(/\/dashboard\/login$/), page.click("header button")]);
    expect((await page.goto(`${app.url}/dashboard/acme/api`))?.status()).toBe(401);
    await context.close();
  });

  it("fits a phone screen without sideways scrolling, the cycle chart's labels apart", async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true });
    const page = await context.newPage();
    await signIn(page, "/dashboard/acme", "phone");
    for (const path of ["/dashboard/acme", "/dashboard/acme/api", "/dashboard", "/dashboard/acme/api/pulls?from=2024-05-13&to=2024-06-02"]) {
      await page.goto(`${app.url}${path}`);
      expect(await page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path).toBe(true);
    }
    await page.goto(`${app.url}/dashboard/acme/api`);
    // The y axis's "0h" and the first date label must not overlap (they did at phone widths).
    const boxes = await page.$$eval("#phase-chart text.axis", (texts) => texts.map((t) => ({ text: t.textContent, ...t.getBoundingClientRect().toJSON() })) as { text: string; x: number; y: number; width: number; height: number }[]);
    const zero = boxes.find((b) => b.text === "0h");
    const firstDate = boxes.find((b) => /^[A-Z][a-z]{2} \d+$/.test(b.text));
    expect(zero && firstDate).toBeTruthy();
    const apart = (a: typeof boxes[number], b: typeof boxes[number]) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
    expect(apart(zero!, firstDate!)).toBe(true);
    await page.screenshot({ path: `${OUT}/dashboard-phone.png`, fullPage: true });
    await page.goto(`${app.url}/dashboard`);
    await page.screenshot({ path: `${OUT}/dashboard-overview-phone.png`, fullPage: true });
    await context.close();
  });

  it("drills down from a week's phase to its PRs, filters them and links to GitHub", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, extraHTTPHeaders: { authorization: "Bearer s3cret-token" } });
    const page = await context.newPage();
    await page.goto(`${app.url}/dashboard/acme/api?from=2024-05-13&to=2024-06-02`);
    await Promise.all([page.waitForURL(/\/dashboard\/acme\/api\/pulls\?/), page.click('#phase-chart a rect[data-week="2024-05-20"][data-phase="pickup"]')]);
    expect(new URL(page.url()).searchParams.get("week")).toBe("2024-05-20");
    const rows = () => page.$$eval("#pulls-table tr[data-pr]", (trs) => trs.map((tr) => [tr.getAttribute("data-pr"), Number(tr.querySelector('td[data-phase="pickup"]')?.getAttribute("data-value"))]));
    // Week of 20 May, longest pickup first: #2 (8h), #1 (3h).
    expect(await rows()).toEqual([["acme/api#2", 8 * H], ["acme/api#1", 3 * H]]);
    expect(await page.getAttribute('#pulls-table tr[data-pr="acme/api#2"] a', "href")).toBe("https://ghe.acme.corp/acme/api/pull/2");
    await page.screenshot({ path: `${OUT}/dashboard-pulls-week.png`, fullPage: true });

    // Filters: ticket failed narrows to #2; clearing the week and asking for XS gives #3.
    await page.selectOption("select[name=ticket]", "failed");
    await Promise.all([page.waitForURL(/ticket=failed/), page.click("form.filters button")]);
    expect(await rows()).toEqual([["acme/api#2", 8 * H]]);
    await Promise.all([page.waitForURL((url) => !url.searchParams.has("week")), page.click(".chip a")]);
    expect(new URL(page.url()).searchParams.get("ticket")).toBe("failed");
    await page.selectOption("select[name=ticket]", "");
    await page.selectOption("select[name=size]", "XS");
    await page.selectOption("select[name=phase]", "");
    await Promise.all([page.waitForURL(/size=XS/), page.click("form.filters button")]);
    expect(await page.$$eval("#pulls-table tr[data-pr]", (trs) => trs.map((tr) => [tr.getAttribute("data-pr"), tr.getAttribute("data-size")]))).toEqual([["acme/api#3", "XS"]]);
    await page.selectOption("select[name=size]", "");
    await page.selectOption("select[name=author]", "octocat");
    await Promise.all([page.waitForURL(/author=octocat/), page.click("form.filters button")]);
    expect(await page.getAttribute("p.count", "data-total")).toBe("3");

    // A phase in the legend: every PR of the range, longest review first.
    await page.goto(`${app.url}/dashboard/acme/api?from=2024-05-13&to=2024-06-02`);
    await Promise.all([page.waitForURL(/phase=review/), page.click('.legend a[data-phase="review"]')]);
    expect(await page.$$eval("#pulls-table tr[data-pr]", (trs) => trs.map((tr) => tr.getAttribute("data-pr")))).toEqual(["acme/api#1", "acme/api#2", "acme/api#3"]);

    // The organisation's list names each PR's repository; an unknown repository is a 404 page.
    expect((await page.goto(`${app.url}/dashboard/acme/pulls?from=2024-04-01&to=2024-06-02`))?.status()).toBe(200);
    expect(await page.$$eval("#pulls-table tr[data-pr]", (trs) => trs.map((tr) => tr.getAttribute("data-pr")))).toEqual(["acme/api#3", "acme/api#2", "acme/api#1", "acme/web#1"]);
    const unknown = await page.goto(`${app.url}/dashboard/acme/nope`);
    expect(unknown?.status()).toBe(404);
    expect(await page.textContent("h1")).toBe("Nothing known of acme/nope");
    expect((await page.goto(`${app.url}/dashboard/acme/nope/pulls`))?.status()).toBe(404);
    expect((await page.goto(`${app.url}/dashboard/acme/api/pulls?size=XXL`))?.status()).toBe(400);
    await context.close();
  });

  it("downloads the exports of every page with the page's own access", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, "/dashboard/acme/api/pulls?from=2024-05-13&to=2024-06-02", "laptop-export");
    const download = async (selector: string) => {
      const [file] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
      const stream = await file.createReadStream();
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString("utf8") };
    };
    const csv = await download('a[data-export="pulls.csv"]');
    expect(csv.name).toBe("acme-api-pulls-2024-05-13-2024-06-02.csv");
    const lines = csv.text.trim().split(/\r?\n/);
    expect(lines[0]?.split(",")).toContain("number");
    expect(lines).toHaveLength(4);
    const json = JSON.parse((await download('a[data-export="pulls.json"]')).text) as { pulls: { number: number }[] };
    expect(json.pulls.map((p) => p.number).sort()).toEqual([1, 2, 3]);
    await page.goto(`${app.url}/dashboard/acme?from=2024-05-13&to=2024-06-02`);
    expect(await page.$$eval("a[data-export]", (links) => links.map((l) => l.getAttribute("data-export")))).toEqual(["cycle-time.csv", "cycle-time.json", "dora.csv", "dora.json"]);
    const dora = JSON.parse((await download('a[data-export="dora.json"]')).text) as { scope: string; change_failure_rate: { band: string } };
    expect(dora).toMatchObject({ scope: "acme", change_failure_rate: { band: "low" } });
    await page.goto(`${app.url}/dashboard`);
    expect(await page.$$eval("a[data-export]", (links) => links.length)).toBe(4);
    expect((await page.goto(`${app.url}/dashboard/acme/nope/export/pulls.csv`))?.status()).toBe(404);
    expect((await page.goto(`${app.url}/dashboard/acme/api/export/secrets.csv`))?.status()).toBe(404);
    await context.close();
  });

  it("shows on the overview what needs attention first, with bands, sparklines, waiting PRs and freshness", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, extraHTTPHeaders: { authorization: "Bearer s3cret-token" } });
    const page = await context.newPage();
    await page.goto(`${app.url}/dashboard`);
    const rows = await page.$$eval("#scopes tr[data-scope]", (trs) =>
      trs.map((tr) => ({
        scope: tr.getAttribute("data-scope"),
        attention: Number(tr.getAttribute("data-attention")),
        waiting: tr.getAttribute("data-waiting"),
        stale: tr.getAttribute("data-stale"),
        bands: [...tr.querySelectorAll(".band[data-key]")].map((b) => `${b.getAttribute("data-key")}:${b.getAttribute("data-band")}`),
        sparkline: tr.querySelector("svg.sparkline")?.getAttribute("data-values")?.split(","),
        backfill: tr.querySelector(".backfill")?.getAttribute("data-state") ?? null,
        reasons: [...tr.querySelectorAll(".reason")].map((r) => r.textContent),
      })),
    );
    // acme/web's backfill failed (8) outweighs acme/api's low change failure rate (4), medium deployment frequency (1) and one waiting PR (1).
    expect(rows.map((r) => [r.scope, r.attention, r.reasons])).toEqual([
      ["acme/web", 8, ["backfill failed"]],
      ["acme/api", 6, ["1 DORA key low", "1 DORA key medium", "1 waiting for review"]],
    ]);
    const api = rows[1]!;
    expect(api).toMatchObject({ waiting: "1", stale: "1", backfill: null });
    expect(api.bands).toEqual(["deployment_frequency:medium", "lead_time:elite", "change_failure_rate:low", "time_to_restore:", "failed_deployment_recovery_time:"]);
    // Twelve weeks up to the week of 3 June: 20 May 20h, 27 May 7h, the rest empty.
    expect(api.sparkline).toHaveLength(12);
    expect(api.sparkline?.slice(-3)).toEqual([String(20 * H), String(7 * H), ""]);
    expect(rows[0]?.backfill).toBe("failed");
    expect(await page.textContent("#scopes .backfill.failed")).toContain("GitHub answered 404 for deployments");

    // The repository page says how fresh it is, and keeps stale PRs out of the waiting list.
    await page.goto(`${app.url}/dashboard/acme/api?from=2024-05-13&to=2024-06-02`);
    expect(await page.getAttribute("#freshness [data-merged]", "data-merged")).toBe("3");
    expect(await page.getAttribute("#freshness [data-awaiting]", "data-awaiting")).toBe("0");
    expect(await page.textContent("#freshness")).toContain("Data last updated 1 Jun 10:00 UTC (2d ago)");
    expect(await page.$$eval("#waiting-table tr[data-pr]", (trs) => trs.map((tr) => tr.getAttribute("data-pr")))).toEqual(["acme/api#5"]);
    expect(await page.getAttribute("#waiting .stale", "data-stale")).toBe("1");
    await page.goto(`${app.url}/dashboard/acme`);
    expect(await page.textContent("#freshness .backfill.failed")).toContain("shipshape backfill acme/web");
    await page.screenshot({ path: `${OUT}/dashboard-org-freshness.png`, fullPage: true });
    await context.close();
  });

  it("opens a team's page from its organisation, with its PRs, its own PR list and exports", async () => {
    await replaceTeams(db, { owner: "acme", source: "config", at: Date.parse(SEEDED_NOW), teams: [{ name: "payments", members: [], repos: ["api"] }, { name: "frontend", members: [], repos: ["web"] }] });
    // Signed in (not a bearer header): Chromium's downloads do not carry extra headers.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const page = await context.newPage();
    await signIn(page, "/dashboard/acme?from=2024-04-29&to=2024-06-02", "team");
    expect(await page.$$eval(".teams a[data-team]", (links) => links.map((l) => l.textContent))).toEqual(["frontend", "payments"]);
    await Promise.all([page.waitForURL(/\/dashboard\/acme\/teams\/payments\?/), page.click('.teams a[data-team="payments"]')]);
    expect(await page.textContent("h1")).toBe("acme team payments");
    expect(await page.$$eval(".crumbs a, nav a", (links) => links.map((l) => l.textContent))).toContain("team payments");
    // The range came along: acme/api's three merged PRs, not acme/web's.
    expect(await page.textContent("#cycle h2")).toContain("3 merged PRs");
    expect(await page.$$eval("#waiting-table tr[data-pr]", (trs) => trs.map((tr) => tr.getAttribute("data-pr")))).toEqual(["acme/api#5"]);
    await page.screenshot({ path: `${OUT}/dashboard-team.png`, fullPage: true });
    await Promise.all([page.waitForURL(/\/dashboard\/acme\/teams\/payments\/pulls/), page.click("#cycle h2 a")]);
    expect(await page.$$eval("tr[data-pr]", (trs) => trs.map((tr) => tr.getAttribute("data-pr")).sort())).toEqual(["acme/api#1", "acme/api#2", "acme/api#3"]);
    await page.goto(`${app.url}/dashboard/acme/teams/frontend?from=2024-04-29&to=2024-06-02`);
    const [file] = await Promise.all([page.waitForEvent("download"), page.click('a[data-export="pulls.json"]')]);
    const chunks: Buffer[] = [];
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    expect(file.suggestedFilename()).toMatch(/^acme-team-frontend-pulls-/);
    expect((JSON.parse(Buffer.concat(chunks).toString("utf8")) as { pulls: { number: number }[] }).pulls.map((p) => p.number)).toEqual([1]);
    const unknown = await page.goto(`${app.url}/dashboard/acme/teams/nope`);
    expect(unknown?.status()).toBe(404);
    expect(await page.textContent("body")).toContain('Define team "nope" in metrics.teams');
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
