import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryBudget } from "../../src/lib/byte-budget.js";
import type { AppDeps } from "../../src/app-deps.js";
import { createCaches } from "../../src/gather/caches.js";
import { createRouter } from "../../src/http/router.js";
import { createRoutes } from "../../src/http/routes.js";
import { openStore, type Db } from "../../src/store/db.js";
import { createTelemetry } from "../../src/lib/telemetry.js";
import { SEEDED_NOW, seedDashboard } from "./seed-dashboard.js";

// docs/bi.md promises URLs, headers and columns to people wiring up BI tools: every one of them
// is requested here from the app's real routes, so the page cannot drift from what is served.
const doc = readFileSync(new URL("../../docs/bi.md", import.meta.url), "utf8");
const HOST = "https://shipshape.example.com";
const urls = [...doc.matchAll(/`((?:https:\/\/shipshape\.example\.com|…)?\/api\/v1\/[^`\s]+)`/g)].map((m) => (m[1] ?? "").replace(/^(…|(?=\/))/, HOST));
const documentedColumns = (route: string) => new RegExp(`^\\| ${route} \\| \`([^\`]+)\` \\|$`, "m").exec(doc)?.[1]?.split(",");

let db: Db;
let server: Server;
let base: string;

beforeAll(async () => {
  db = await openStore({ dataDir: ":memory:" });
  await seedDashboard(db);
  const now = new Date(SEEDED_NOW);
  const deps: AppDeps = { db, now: () => now, caches: createCaches({ now: () => now.getTime(), configTtlMs: 60_000 }), telemetry: createTelemetry(), memory: createMemoryBudget(), settings: { apiToken: "bi-token", backfillDays: 90, dataDir: ":memory:" } };
  const router = createRouter({ routes: createRoutes(deps), apiToken: "bi-token" });
  server = createServer((req, res) => void router(req, res).then((handled) => (handled ? undefined : res.writeHead(404).end())));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
});

describe("docs/bi.md", () => {
  it("documents at least the pulls, cycle-time and dora URLs", () => {
    expect(urls.length).toBeGreaterThanOrEqual(8);
    for (const route of ["/pulls", "/cycle-time", "/dora", "/orgs/acme/dora", "/definitions"]) expect(urls.some((u) => u.includes(route))).toBe(true);
  });

  it.each(urls.map((u) => [u.slice(HOST.length)]))("%s answers with the bearer header and refuses without", async (path) => {
    const url = `${base}${path}`;
    expect((await fetch(url)).status).toBe(401);
    const response = await fetch(url, { headers: { authorization: "Bearer bi-token" } });
    expect(response.status).toBe(200);
    if (!path.includes("format=csv")) return;
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const header = (await response.text()).split("\r\n")[0]?.split(",");
    const route = /\/(pulls|cycle-time|dora)\?/.exec(path)?.[1] ?? "";
    expect(header).toEqual(documentedColumns(route));
  });

  it("takes the Grafana URL with the time picker's ${__from:date:iso} values filled in", async () => {
    const grafana = /^https:\/\/shipshape\.example\.com(\/api\/v1\/orgs\/acme\/cycle-time\S*\$\{__from:date:iso\}\S*)$/m.exec(doc)?.[1] ?? "";
    const path = grafana.replace("${__from:date:iso}", "2024-05-13T00:00:00.000Z").replace("${__to:date:iso}", "2024-06-03T00:00:00.000Z");
    const response = await fetch(`${base}${path}`, { headers: { authorization: "Bearer bi-token" } });
    expect(response.status).toBe(200);
    const cycle = (await response.text()).split("\r\n").filter((line) => line.includes(",cycle,"));
    // The quiet week of 13 May is a row of 0, not a gap.
    expect(cycle).toEqual(["2024-05-13T00:00:00.000Z,,cycle,0,,,", "2024-05-20T00:00:00.000Z,,cycle,2,72000,72000,72000", "2024-05-27T00:00:00.000Z,,cycle,1,25200,25200,25200"]);
  });

  it("Accept: text/csv works as well as ?format=csv", async () => {
    const response = await fetch(`${base}/api/v1/repos/acme/api/dora?from=2024-04-01`, { headers: { authorization: "Bearer bi-token", accept: "text/csv" } });
    expect((await response.text()).split("\r\n")[0]).toBe("key,value,unit,sample,band");
  });

  it("the dashboard's export links answer what the API answers for the same range, and GitHub links use GHE_HOST", async () => {
    const auth = { headers: { authorization: "Bearer bi-token" } };
    for (const [page, api] of [
      ["/dashboard/acme/api/export/pulls.csv?from=2024-05-13&to=2024-06-02", "/api/v1/repos/acme/api/pulls?from=2024-05-13&to=2024-06-03&format=csv"],
      ["/dashboard/acme/export/cycle-time.json?from=2024-05-13&to=2024-06-02", "/api/v1/orgs/acme/cycle-time?from=2024-05-13T00:00:00.000Z&to=2024-06-03T00:00:00.000Z&bucket=week&format=json"],
    ] as const) {
      const exported = await fetch(`${base}${page}`, auth);
      expect(exported.status).toBe(200);
      expect(exported.headers.get("content-disposition")).toMatch(/^attachment; filename="acme(-api)?-(pulls|cycle-time)-2024-05-13-2024-06-02\.(csv|json)"$/);
      expect(await exported.text()).toBe(await (await fetch(`${base}${api}`, auth)).text());
    }
    expect((await fetch(`${base}/dashboard/acme/api/export/pulls.csv`)).status).toBe(401);
    expect((await fetch(`${base}/dashboard/acme/nope/export/pulls.csv`, auth)).status).toBe(404);
    const ghe = await startRoutes({ githubHost: "ghe.acme.corp" });
    const html = await (await fetch(`${ghe.base}/dashboard/acme/api/pulls?from=2024-05-13&to=2024-06-02`, auth)).text();
    expect(html).toContain('href="https://ghe.acme.corp/acme/api/pull/3"');
    await ghe.close();
  });
});

async function startRoutes(settings: Partial<AppDeps["settings"]>): Promise<{ base: string; close(): Promise<void> }> {
  const now = new Date(SEEDED_NOW);
  const deps: AppDeps = { db, now: () => now, caches: createCaches({ now: () => now.getTime(), configTtlMs: 60_000 }), telemetry: createTelemetry(), memory: createMemoryBudget(), settings: { apiToken: "bi-token", backfillDays: 90, dataDir: ":memory:", ...settings } };
  const router = createRouter({ routes: createRoutes(deps), apiToken: "bi-token" });
  const other = createServer((req, res) => void router(req, res).then((handled) => (handled ? undefined : res.writeHead(404).end())));
  await new Promise<void>((resolve) => other.listen(0, "127.0.0.1", resolve));
  return { base: `http://127.0.0.1:${(other.address() as AddressInfo).port}`, close: () => new Promise<void>((resolve) => other.close(() => resolve())) };
}
