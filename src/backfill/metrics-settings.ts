import { loadConfig } from "../gather/load-config.js";
import { CONFIG_PATH } from "../config/config-path.js";
import { configSchema, type Config } from "../config/schema.js";
import { deploymentSources, type DeploymentSourceSettings } from "../metrics/deployment-sources.js";
import type { GitHub } from "../github/octokit.js";

/** The repo's `metrics` section, read as the checks read it (repo file, else the org's `.github`, `_extends` followed, sizes capped). */
export async function readMetricsSettings(params: {
  octokit: GitHub;
  owner: string;
  repo: string;
}): Promise<{ productionEnvironments: string[]; incidentLabels: string[]; sources: DeploymentSourceSettings[]; metrics: Config["metrics"]; problem?: string }> {
  const result = await loadConfig(params);
  // A broken file is reported by the shipshape/config check; the import goes on with the defaults.
  const metrics = result.ok ? result.config.metrics : configSchema.parse({}).metrics;
  return {
    productionEnvironments: metrics.production_environments,
    sources: deploymentSources(metrics),
    metrics,
    // `metrics.incidents` without `labels`: no issue is an incident, so none is imported.
    incidentLabels: metrics.incidents.includes("labels") ? metrics.incident_labels : [],
    ...(result.ok ? {} : { problem: `${CONFIG_PATH} is invalid; using the default metrics settings` }),
  };
}
