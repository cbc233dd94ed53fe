import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { touchesConfig } from "../config/touches-config.js";
import { invalidateConfig } from "../gather/config-cache.js";

/**
 * A push that changes `.github/shipshape.yml` on the default branch drops the cached config at
 * once (in this process; other replicas within the cache's few minutes). A change in the
 * organisation's `.github` repository drops every repository of the owner, which may inherit it.
 */
export function onPush(deps: AppDeps) {
  return async (context: Context<"push">): Promise<void> => {
    const { repository, ref, commits } = context.payload;
    if (!touchesConfig({ ref, defaultBranch: repository.default_branch, commits })) return;
    const owner = repository.owner?.login ?? repository.owner?.name ?? "";
    if (repository.name === ".github") invalidateConfig(deps.caches.config, owner);
    else invalidateConfig(deps.caches.config, owner, repository.name);
  };
}
