import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { loadConfig } from "../gather/load-config.js";
import { defaultConfig, type Config } from "../config/schema.js";
import { parseHourRange } from "../metrics/working-hours.js";
import type { Db } from "../store/db.js";
import { saveRepoSettings, type RepoSettings } from "../store/repo-settings.js";

/**
 * The repo's `metrics` settings; a broken file falls back to the defaults (the config check
 * reports it). What the API applies later (working hours, incident sources) is remembered.
 */
export async function metricsConfig(deps: AppDeps, context: Context, repo: { id: number; owner: string; name: string }): Promise<Config["metrics"]> {
  const result = await loadConfig({
    octokit: context.octokit,
    owner: repo.owner,
    repo: repo.name,
    cache: deps.caches.config,
  });
  const metrics = result.ok ? result.config.metrics : defaultConfig().metrics;
  await rememberRepoSettings(deps.db, { repoId: repo.id, metrics, at: deps.now().getTime() });
  return metrics;
}

/** Stores what the API needs of `metrics` (webhooks and backfill alike). */
export async function rememberRepoSettings(db: Db, params: { repoId: number; metrics: Config["metrics"]; at: number }): Promise<void> {
  await saveRepoSettings(db, { repoId: params.repoId, settings: repoSettings(params.metrics), at: params.at });
}

/** `metrics.working_hours` and `metrics.incidents` as the store keeps them. */
export function repoSettings(metrics: Config["metrics"]): RepoSettings {
  const given = metrics.working_hours;
  const range = given ? parseHourRange(given.hours) : undefined;
  const workingHours = given && range ? { timeZone: given.time_zone, days: given.days, ...range } : null;
  return { workingHours, incidents: metrics.incidents };
}
