import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { loadConfig } from "../gather/load-config.js";
import { defaultConfig, type Config } from "../config/schema.js";

/** The repo's `metrics` settings; a broken file falls back to the defaults (the config check reports it). */
export async function metricsConfig(deps: AppDeps, context: Context, repo: { owner: string; name: string }): Promise<Config["metrics"]> {
  const result = await loadConfig({
    octokit: context.octokit,
    owner: repo.owner,
    repo: repo.name,
    cache: deps.caches.config,
  });
  return result.ok ? result.config.metrics : defaultConfig().metrics;
}
