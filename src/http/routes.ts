import type { AppDeps } from "../app-deps.js";
import { coverageUploadRoute } from "../coverage/upload-route.js";
import { storeFiguresSource } from "../dashboard/load-figures.js";
import { dashboardRoutes } from "../dashboard/routes.js";
import { metricsRoutes } from "../metrics/routes.js";
import type { Route } from "./types.js";

/** Every route of Shipshape's own HTTP surface besides the webhook intake; one line per feature. */
export function createRoutes(deps: AppDeps): Route[] {
  return [
    ...metricsRoutes(deps),
    coverageUploadRoute(deps),
    ...dashboardRoutes({ db: deps.db, now: deps.now, apiToken: deps.settings.apiToken, source: storeFiguresSource(deps.db) }),
  ];
}
