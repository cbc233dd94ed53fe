import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { AppDeps } from "../../src/app-deps.js";
import { createCaches } from "../../src/gather/caches.js";
import type { AuthThrottle } from "../../src/http/auth-throttle.js";
import { dashboardRoutes } from "../../src/http/dashboard-routes.js";
import { metricsRoutes } from "../../src/http/metrics-routes.js";
import { createMemoryBudget } from "../../src/lib/byte-budget.js";
import { createTelemetry } from "../../src/lib/telemetry.js";
import type { FiguresSource, OverviewRow, PullListItem, ScopeFigures, ScopeSummary } from "../../src/reporting/figures.js";
import { createRouter } from "../../src/http/router.js";
import { openStore, type Db } from "../../src/store/db.js";

const HOUR = 3_600_000;

/** Figures of one repository over three weeks, every chart with something in it. */
export function makeScopeFigures(overrides: Partial<ScopeFigures> = {}): ScopeFigures {
  return {
    scope: { owner: "acme", repo: "api" },
    known: true,
    range: { from: new Date("2024-05-13T00:00:00Z"), to: new Date("2024-06-03T00:00:00Z") },
    total: { week: "2024-05-13", count: 11, phases: { coding: 6 * HOUR, pickup: 2 * HOUR, review: 2 * HOUR, deploy: 1 * HOUR }, cycle: 15 * HOUR },
    weeks: [
      { week: "2024-05-13", count: 4, phases: { coding: 10 * HOUR, pickup: 3 * HOUR, review: 5 * HOUR, deploy: 2 * HOUR }, cycle: 21 * HOUR },
      { week: "2024-05-20", count: 2, phases: { coding: 6 * HOUR, pickup: 8 * HOUR, review: 2 * HOUR, deploy: null }, cycle: 15 * HOUR },
      { week: "2024-05-27", count: 5, phases: { coding: 4 * HOUR, pickup: 1 * HOUR, review: 1 * HOUR, deploy: 1 * HOUR }, cycle: 8 * HOUR },
    ],
    dora: [
      { key: "deployment_frequency", value: 1.5, band: "elite", previous: 1 },
      { key: "lead_time", value: 20 * HOUR, band: "elite", previous: 30 * HOUR },
      { key: "change_failure_rate", value: 0.2, band: "high", previous: 0.1 },
      { key: "time_to_restore", value: null, band: null, previous: null },
      { key: "failed_deployment_recovery_time", value: null, band: null, previous: null },
    ],
    sizes: [
      { label: "XS", min: 0, max: 10, count: 3 },
      { label: "S", min: 10, max: 100, count: 5 },
      { label: "M", min: 100, max: 400, count: 2 },
      { label: "L", min: 400, max: 1000, count: 1 },
      { label: "XL", min: 1000, max: null, count: 0 },
    ],
    waiting: [{ repo: "acme/api", number: 42, title: "Add <retry> to payments", author: "octocat", readyAt: "2024-06-01T10:00:00Z" }],
    waitingStale: 3,
    hygiene: [
      { check: "ticket", passed: 9, failed: 2, passedCycleMedian: 12 * HOUR, failedCycleMedian: 30 * HOUR, missed: [{ repo: "acme/api", number: 40 }, { repo: "acme/api", number: 38 }] },
      { check: "adr", passed: 1, failed: 0, passedCycleMedian: 40 * HOUR, failedCycleMedian: null, missed: [] },
      { check: "coverage", passed: 0, failed: 0, passedCycleMedian: null, failedCycleMedian: null, missed: [] },
    ],
    freshness: { lastUpdatedAt: "2024-06-03T09:12:00Z", backfills: [], merged: 11, awaitingDeployment: 2 },
    teams: [],
    ...overrides,
  };
}

/** A source that answers with fixed figures and remembers what it was asked. */
export function fixedSource(figures: ScopeFigures, summaries: ScopeSummary[] = [], more: { overview?: OverviewRow[]; pulls?: PullListItem[] } = {}): FiguresSource & { asked: unknown[] } {
  const asked: unknown[] = [];
  return {
    asked,
    summaries: async (range) => {
      asked.push({ summaries: range });
      return summaries;
    },
    figures: async (params) => {
      asked.push(params);
      return { ...figures, scope: params.scope, range: params.range };
    },
    overview: async (params) => {
      asked.push({ overview: params.range });
      return more.overview ?? [];
    },
    pulls: async (params) => {
      asked.push({ pulls: params });
      return more.pulls ?? [];
    },
  };
}

export interface RunningDashboard {
  url: string;
  db: Db;
  close(): Promise<void>;
}

/** The dashboard's routes behind the real router on a loopback port; a `db` passed in stays open. */
export async function startDashboard(params: { source: FiguresSource; apiToken?: string; now?: string; db?: Db; githubWebUrl?: string; throttle?: AuthThrottle }): Promise<RunningDashboard> {
  const db = params.db ?? (await openStore({ dataDir: ":memory:" }));
  const ownsDb = params.db === undefined;
  const now = new Date(params.now ?? "2024-06-03T10:00:00Z");
  const apiToken = "apiToken" in params ? params.apiToken : "s3cret-token";
  const deps: AppDeps = { db, now: () => now, caches: createCaches({ now: () => now.getTime(), configTtlMs: 60_000 }), telemetry: createTelemetry(), memory: createMemoryBudget(), settings: { apiToken, backfillDays: 90, dataDir: ":memory:" } };
  const routes = dashboardRoutes({ db, now: () => now, apiToken, source: params.source, githubWebUrl: params.githubWebUrl, throttle: params.throttle, exports: metricsRoutes(deps) });
  const router = createRouter({ routes, apiToken });
  const server: Server = createServer((req, res) => {
    void router(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    db,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (ownsDb) await db.close();
    },
  };
}
