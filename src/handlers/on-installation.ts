import type { Context } from "probot";
import type { BackfillRepo, BackfillRunner } from "../backfill/backfill-runner.js";

/** Installation events after which the last `SHIPSHAPE_BACKFILL_DAYS` days are imported (ADR 0040). */
export const INSTALLATION_TRIGGERS = ["installation.created", "installation_repositories.added"] as const;

type InstallationContext = Context<"installation.created"> | Context<"installation_repositories.added">;

/**
 * Stores a backfill job per repository the app was just given and hands it to the runner, which
 * imports in the background: the delivery is done in milliseconds, not after the whole import.
 */
export function onInstallation(backfills: () => BackfillRunner) {
  return async (context: InstallationContext): Promise<void> => {
    const { payload } = context;
    const listed = "repositories_added" in payload ? payload.repositories_added : (payload.repositories ?? []);
    const repos: BackfillRepo[] = listed.map((repo) => ({ id: repo.id, owner: repo.full_name.split("/")[0] ?? "", name: repo.name }));
    if (repos.length === 0) return;
    await backfills().enqueue({ installationId: payload.installation.id, repos });
  };
}
