import { describe, expect, it } from "vitest";
import { backfillProbe } from "../../src/http/backfill-probe.js";
import { healthRoutes } from "../../src/http/health-routes.js";
import { createTelemetry } from "../../src/lib/telemetry.js";
import { claimBackfillJob, createBackfillJob, finishBackfillJob } from "../../src/store/backfill-jobs.js";
import { openStore } from "../../src/store/db.js";

/** A failed backfill is not a hang: /readyz names it and its reason (to the token holder), and counts it for anyone. */
describe("/readyz shows failed backfills", () => {
  it("lists the repo and the reason with the token, only the count without", async () => {
    const db = await openStore({ dataDir: ":memory:" });
    try {
      await createBackfillJob(db, { repoId: 7, owner: "acme", repo: "api", installationId: 1, days: 30, now: 1_000 });
      expect(await claimBackfillJob(db, { repoId: 7, worker: "w1", now: 2_000, leaseMs: 60_000 })).toBe(true);
      await finishBackfillJob(db, { repoId: 7, worker: "w1", now: 3_000, error: "GET /repos/acme/api/compare/a...b: 404 Not Found" });
      const route = healthRoutes({ db, telemetry: createTelemetry(), apiToken: "t0ken", probes: { backfills: backfillProbe(db) } }).find((r) => r.pattern === "/readyz");
      const call = async (authorization?: string) => {
        const response = await route!.handle({ method: "GET", path: "/readyz", headers: authorization ? { authorization } : {}, remoteAddress: "10.0.0.1" } as never);
        return JSON.parse(String(response.body)) as { backfills: Record<string, unknown> };
      };
      expect((await call()).backfills).toEqual({ running: 0, failed_count: 1 });
      expect((await call("Bearer t0ken")).backfills).toEqual({
        running: 0,
        failed_count: 1,
        jobs: [],
        failed: [{ repo: "acme/api", reason: "GET /repos/acme/api/compare/a...b: 404 Not Found", failedAt: new Date(3_000).toISOString() }],
      });
    } finally {
      await db.close();
    }
  });
});
