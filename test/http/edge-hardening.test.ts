import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppDeps } from "../../src/app-deps.js";
import { createCaches } from "../../src/gather/caches.js";
import { AuthThrottle, FREE_AUTH_FAILURES, MAX_AUTH_BACKOFF_MS, MAX_THROTTLED_ADDRESSES } from "../../src/http/auth-throttle.js";
import { healthRoutes } from "../../src/http/health-routes.js";
import { createRouter } from "../../src/http/router.js";
import { createRoutes } from "../../src/http/routes.js";
import { openStore, type Db } from "../../src/store/db.js";
import { createMemoryBudget } from "../../src/lib/byte-budget.js";
import { createTelemetry } from "../../src/lib/telemetry.js";
import { SEEDED_NOW, seedDashboard } from "../dashboard/seed-dashboard.js";

const TOKEN = "edge-token";
let db: Db;
let server: Server;
let base: string;
let clock = 0;
let throttle: AuthThrottle;
const logged: string[] = [];

beforeAll(async () => {
  db = await openStore({ dataDir: ":memory:" });
  await seedDashboard(db);
  const now = new Date(SEEDED_NOW);
  const telemetry = createTelemetry();
  const deps: AppDeps = { db, now: () => now, caches: createCaches({ now: () => now.getTime(), configTtlMs: 60_000 }), telemetry, memory: createMemoryBudget(), settings: { apiToken: TOKEN, backfillDays: 90, dataDir: ":memory:" } };
  // The throttle is swapped per test; the routes reach it through this indirection.
  const shared = {
    retryAfterSeconds: (a: string) => throttle.retryAfterSeconds(a),
    failed: (a: string) => throttle.failed(a),
    succeeded: (a: string) => throttle.succeeded(a),
  } as AuthThrottle;
  const router = createRouter({
    routes: [...healthRoutes({ db, telemetry, apiToken: TOKEN, throttle: shared, probes: { backfills: async () => ({ counts: { running: 1 }, details: { jobs: ["acme/secret"] } }) } }), ...createRoutes(deps, { throttle: shared })],
    apiToken: TOKEN,
    throttle: shared,
    log: { debug: (message) => logged.push(message) },
  });
  server = createServer((req, res) => void router(req, res).then((handled) => (handled ? undefined : res.writeHead(404).end())));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
});
beforeEach(() => {
  clock = 1_000_000;
  throttle = new AuthThrottle(() => clock);
  logged.length = 0;
});

const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe("wrong tokens are throttled per address", () => {
  it("answers 429 with retry-after once an address has sent too many wrong bearer tokens, even for the right one", async () => {
    const path = `${base}/api/v1/definitions`;
    for (let i = 0; i < FREE_AUTH_FAILURES; i++) expect((await fetch(path, bearer("guess"))).status).toBe(401);
    expect((await fetch(path, bearer(TOKEN))).status).toBe(200);
    // A success forgets the failures; now the guesser goes past the free ones.
    for (let i = 0; i <= FREE_AUTH_FAILURES; i++) expect((await fetch(path, bearer("guess"))).status).toBe(401);
    const refused = await fetch(path, bearer(TOKEN));
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.json()).toEqual({ error: "too many wrong tokens from this address; try again in 1 s" });
    // Dashboard pages with a bearer header share the same backoff.
    expect((await fetch(`${base}/dashboard`, bearer(TOKEN))).status).toBe(429);
    clock += 1_000;
    expect((await fetch(path, bearer(TOKEN))).status).toBe(200);
  });

  it("backs off the sign-in form too, and /readyz stays up with counts only", async () => {
    const form = await fetch(`${base}/dashboard/login`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? "";
    const cookie = (form.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const login = (token: string) =>
      fetch(`${base}/dashboard/login`, {
        method: "POST",
        redirect: "manual",
        headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: base },
        body: new URLSearchParams({ csrf, token, next: "/dashboard" }).toString(),
      });
    for (let i = 0; i <= FREE_AUTH_FAILURES; i++) expect((await login("guess")).status).toBe(401);
    const refused = await login(TOKEN);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(await refused.text()).toContain("Too many wrong tokens from this address");
    const ready = await fetch(`${base}/readyz`, bearer(TOKEN));
    expect(ready.status).toBe(200);
    expect(((await ready.json()) as { backfills: unknown }).backfills).toEqual({ running: 1 });
    clock += 1_000;
    expect(((await (await fetch(`${base}/readyz`, bearer(TOKEN))).json()) as { backfills: unknown }).backfills).toEqual({ running: 1, jobs: ["acme/secret"] });
  });

  it("doubles the wait up to its cap and remembers a bounded number of addresses", () => {
    for (let i = 0; i < FREE_AUTH_FAILURES + 40; i++) throttle.failed("10.0.0.1");
    expect(throttle.retryAfterSeconds("10.0.0.1")).toBe(MAX_AUTH_BACKOFF_MS / 1000);
    for (let i = 0; i < MAX_THROTTLED_ADDRESSES + 10; i++) throttle.failed(`10.1.${i >> 8}.${i & 255}`);
    // The stalest address is forgotten first; memory stays bounded.
    expect(throttle.retryAfterSeconds("10.0.0.1")).toBe(0);
    expect((throttle as unknown as { entries: Map<string, unknown> }).entries.size).toBe(MAX_THROTTLED_ADDRESSES);
  });
});

describe("malformed requests and API headers", () => {
  it("answers 400 to malformed percent-encoding in a path, logged at debug only", async () => {
    const response = await fetch(`${base}/api/v1/repos/%E0%A4%A/x/pulls`, bearer(TOKEN));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "the request path has malformed percent-encoding" });
    expect(logged).toEqual(["400: the request path has malformed percent-encoding"]);
    expect((await fetch(`${base}/dashboard/%FF`, bearer(TOKEN))).status).toBe(400);
  });

  it.each(["json", "csv"])("API %s answers are never sniffed nor cached", async (format) => {
    const response = await fetch(`${base}/api/v1/repos/acme/api/pulls?format=${format}`, bearer(TOKEN));
    expect(response.status).toBe(200);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
    const refused = await fetch(`${base}/api/v1/repos/acme/api/pulls?format=${format}`);
    expect(refused.headers.get("cache-control")).toBe("no-store");
  });

  it.each(["/dashboard\u0000x", "/dashboard/\u00e9t\u00e9", "/dashboard/\u{1F600}", "/dashboard/a b"])("a sign-in's next of %j goes to /dashboard instead of a 500", async (next) => {
    const form = await fetch(`${base}/dashboard/login?next=${encodeURIComponent(next)}`);
    expect(form.status).toBe(200);
    const html = await form.text();
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
    const cookie = (form.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const response = await fetch(`${base}/dashboard/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie, origin: base },
      body: new URLSearchParams({ csrf, token: TOKEN, next }).toString(),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/dashboard");
  });
});
