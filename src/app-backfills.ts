import type { Probot } from "probot";
import type { AppDeps } from "./app-deps.js";
import type { GitHub } from "./github/octokit.js";
import { createBackfillRunner, type BackfillRunner } from "./backfill/backfill-runner.js";

/** The app's backfill runner: the one the server made (it resumes and stops it), else one built on first use. */
export function appBackfills(deps: AppDeps, app: Pick<Probot, "auth" | "log">): () => BackfillRunner {
  let runner = deps.backfills;
  return () =>
    (runner ??= createBackfillRunner({
      db: deps.db,
      days: deps.settings.backfillDays,
      ...(deps.settings.backfillShare === undefined ? {} : { share: deps.settings.backfillShare }),
      auth: async (installationId) => (await app.auth(installationId)) as GitHub,
      log: app.log,
    }));
}
