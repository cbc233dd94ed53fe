import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { touchesConfig } from "../config/touches-config.js";
import { invalidateConfig } from "../gather/config-cache.js";
import { readTeamsLogged } from "../recording/read-teams.js";

/**
 * A push that changes `.github/shipshape.yml` on the default branch drops the cached config at
 * once (in this process; other replicas within the cache's few minutes). A change in the
 * organisation's `.github` repository drops every repository of the owner, which may inherit it,
 * and reads the organisation's teams (`metrics.teams`) again at once (ADR 0079).
 */
export function onPush(deps: AppDeps) {
  return async (context: Context<"push">): Promise<void> => {
    const { repository, ref, commits } = context.payload;
    if (!touchesConfig({ ref, defaultBranch: repository.default_branch, commits })) return;
    const owner = repository.owner?.login ?? repository.owner?.name ?? "";
    if (repository.name !== ".github") return invalidateConfig(deps.caches.config, owner, repository.name);
    invalidateConfig(deps.caches.config, owner);
    await readTeamsLogged(deps, { octokit: context.octokit, log: context.log, owner, organisation: repository.owner?.type === "Organization" });
  };
}
