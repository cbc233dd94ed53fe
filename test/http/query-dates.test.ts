import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app-deps.js";
import { createCaches } from "../../src/gather/caches.js";
import { createMemoryBudget } from "../../src/lib/byte-budget.js";
import { createTelemetry } from "../../src/lib/telemetry.js";
import { createRouter } from "../../src/http/router.js";
import { createRoutes } from "../../src/http/routes.js";
import { openStore, type Db } from "../../src/store/db.js";
import { SEEDED_NOW, seedDashboard } from "../dashboard/seed-dashboard.js";

// Issue 16, bug 4: `Date.parse` rolls impossible dates over (2026-09-31 -> October 1), so a
// report silently answered for another window. Every route that takes from/to refuses them.
let db: Db;
let server: Server;
let base: string;

beforeAll(async () => {
  db = await openStore({ dataDir: ":memory:" });
  await seedDashboard(db);
  const now = new Date(SEEDED_NOW);
  const deps: AppDeps = { db, now: () => now, caches: createCaches({ now: () => now.getTime(), configTtlMs: 60_000 }), telemetry: createTelemetry(), memory: createMemoryBudget(), settings: { apiToken: "t", backfillDays: 90, dataDir: ":memory:" } };
  const router = createRouter({ routes: createRoutes(deps), apiToken: "t" });
  server = createServer((req, res) => void router(req, res).then((handled) => (handled ? undefined : res.writeHead(404).end())));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
});

const get = async (path: string) => {
  const response = await fetch(`${base}${path}`, { headers: { authorization: "Bearer t" } });
  return { status: response.status, body: (await response.json()) as { error?: string } };
};

describe("impossible dates answer 400 with the reason", () => {
  it.each([
    ["/api/v1/repos/acme/api/dora?from=2026-09-31", 'from: "2026-09-31" is not a real date: September 2026 has 30 days'],
    ["/api/v1/orgs/acme/cycle-time?from=2025-02-29", 'from: "2025-02-29" is not a real date: February 2025 has 28 days'],
    ["/api/v1/repos/acme/api/pulls?to=2024-13-01", 'to: "2024-13-01" is not a real date: there is no month 13'],
    ["/api/v1/repos/acme/api/pulls?to=2024-06-00", 'to: "2024-06-00" is not a real date: June 2024 has 30 days'],
    ["/api/v1/repos/acme/api/cycle-time?to=2024-06-01T24:00:00Z", 'to: "2024-06-01T24:00:00Z" is not a real time: hours run 00-23, minutes and seconds 00-59'],
    ["/api/v1/repos/acme/api/cycle-time?to=2024-06-01T12:60", 'to: "2024-06-01T12:60" is not a real time: hours run 00-23, minutes and seconds 00-59'],
    ["/api/v1/repos/acme/api/dora?from=2024-06-01T00:00:00%2B25:00", 'from: "2024-06-01T00:00:00+25:00" is not a real time: the offset +25:00 is out of range'],
    ["/api/v1/repos/acme/api/dora?from=June", 'from: "June" is not an ISO-8601 date or time'],
  ])("%s", async (path, reason) => {
    const { status, body } = await get(path);
    expect(status).toBe(400);
    expect(body.error).toContain(reason);
  });

  it("real dates still answer, a leap day and offsets included", async () => {
    for (const query of ["from=2024-02-29", "from=2024-05-01T00:00:00.000Z&to=2024-06-03T00:00:00.000Z", "from=2024-05-01T02:00:00%2B02:00", "from=2024-05-01 00:00"]) {
      expect((await get(`/api/v1/repos/acme/api/dora?${query}`)).status).toBe(200);
    }
  });

  it("the window read from a real date is the one asked for, not a rolled-over one", async () => {
    const may31 = await fetch(`${base}/api/v1/repos/acme/api/dora?from=2024-05-31&to=2024-06-01`, { headers: { authorization: "Bearer t" } });
    expect(may31.status).toBe(200);
    expect((await get("/api/v1/repos/acme/api/dora?from=2024-05-31&to=2024-05-32")).status).toBe(400);
  });
});

describe("cycle-time weeks", () => {
  it("a quiet week is a row with counts of 0, and the window's every week is there", async () => {
    // acme/api merged PRs in the weeks of 20 and 27 May only; 6 May and 13 May were quiet.
    const { status, body } = await get("/api/v1/repos/acme/api/cycle-time?from=2024-05-06&to=2024-06-03&bucket=week");
    expect(status).toBe(200);
    const rows = (body as { rows: { bucket_start: string; phase: string; count: number; median_seconds: number | null }[] }).rows.filter((r) => r.phase === "cycle");
    expect(rows.map((r) => [r.bucket_start.slice(0, 10), r.count])).toEqual([
      ["2024-05-06", 0],
      ["2024-05-13", 0],
      ["2024-05-20", 2],
      ["2024-05-27", 1],
    ]);
    expect(rows[0]?.median_seconds).toBeNull();
  });

  it("refuses a bucket that would split the range into more than 5,000 rows", async () => {
    const { status, body } = await get("/api/v1/repos/acme/api/cycle-time?from=2000-01-01&to=2024-01-01&bucket=day");
    expect(status).toBe(400);
    expect(body.error).toBe("bucket: day splits this range into 8,766 rows, more than 5,000: pick a shorter range or a longer bucket");
    expect((await get("/api/v1/repos/acme/api/cycle-time?from=2000-01-01&to=2024-01-01&bucket=month")).status).toBe(200);
  });
});
