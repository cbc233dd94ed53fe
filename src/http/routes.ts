import type { AppDeps } from "../app-deps.js";
import { coverageUploadRoute } from "./coverage-upload-route.js";
import { storeFiguresSource } from "../reporting/load-figures.js";
import { dashboardRoutes } from "./dashboard-routes.js";
import { metricsRoutes } from "./metrics-routes.js";
import type { ComponentsOf, UploadedCoverage } from "./coverage-upload-route.js";
import type { AuthThrottle } from "./auth-throttle.js";
import { healthRoutes } from "./health-routes.js";
import { backfillProbe } from "./backfill-probe.js";
import type { Route } from "./types.js";
import { githubWebUrl } from "../lib/pull-request-url.js";

/** What the server adds that needs Probot (GitHub access outside a webhook). */
export interface RouteHooks {
  /** Posts the coverage check for an uploaded report's PRs. */
  afterCoverageUpload?: (upload: UploadedCoverage) => Promise<void>;
  /** Reads a repo's `coverage.components`, for uploads that name one with `flag`. */
  coverageComponents?: ComponentsOf;
  /** The process's one wrong-token throttle, shared with the router. */
  throttle?: AuthThrottle;
}

/**
 * Every route of Shipshape's own HTTP surface besides the webhook intake, one line per feature,
 * as `src/index.ts` lists the webhook handlers. The first route matching a path answers it.
 */
export function createRoutes(deps: AppDeps, hooks: RouteHooks = {}): Route[] {
  const metrics = metricsRoutes(deps);
  return [
    ...healthRoutes({ db: deps.db, telemetry: deps.telemetry, apiToken: deps.settings.apiToken, throttle: hooks.throttle, probes: { backfills: backfillProbe(deps.db) } }),
    ...metrics,
    coverageUploadRoute(deps, hooks.afterCoverageUpload, hooks.coverageComponents),
    ...dashboardRoutes({ db: deps.db, now: deps.now, apiToken: deps.settings.apiToken, source: storeFiguresSource(deps.db, { reviewActiveDays: deps.settings.reviewActiveDays }), throttle: hooks.throttle, githubWebUrl: githubWebUrl(deps.settings), exports: metrics, signIn: deps.settings.signIn, publicUrl: deps.settings.publicUrl }),
  ];
}
