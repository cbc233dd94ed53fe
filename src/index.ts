import type { ApplicationFunction } from "probot";
import type { AppDeps } from "./app-deps.js";
import { appBackfills } from "./backfill/app-backfills.js";
import { INSTALLATION_TRIGGERS, onInstallation } from "./handlers/on-installation.js";
import { onPullRequest, PULL_REQUEST_TRIGGERS } from "./handlers/on-pull-request.js";

/**
 * Shipshape's Probot app: only wiring. Each handler gathers, hands plain data to a pure rule,
 * then acts; see STYLE.md.
 */
export function shipshape(deps: AppDeps): ApplicationFunction {
  return (app) => {
    app.on([...PULL_REQUEST_TRIGGERS], onPullRequest(deps));
    app.on([...INSTALLATION_TRIGGERS], onInstallation(appBackfills(deps, app)));
  };
}
