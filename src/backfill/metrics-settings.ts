import { CONFIG_PATH } from "../config/load-config.js";
import { validateConfigObject } from "../config/parse-config.js";
import { configSchema } from "../config/schema.js";
import type { GitHub } from "../github/octokit.js";

/** The repo's `metrics` section, read as `context.config` would (repo file, else the org's `.github`, `_extends` followed). */
export async function readMetricsSettings(params: {
  octokit: GitHub;
  owner: string;
  repo: string;
}): Promise<{ productionEnvironments: string[]; incidentLabels: string[]; problem?: string }> {
  const { config, files } = await params.octokit.config.get({ owner: params.owner, repo: params.repo, path: CONFIG_PATH });
  const found = files.some((file) => file.config !== null);
  const result = validateConfigObject(found ? config : undefined);
  // A broken file is reported by the shipshape/config check; the import goes on with the defaults.
  const metrics = result.ok ? result.config.metrics : configSchema.parse({}).metrics;
  return {
    productionEnvironments: metrics.production_environments,
    incidentLabels: metrics.incident_labels,
    ...(result.ok ? {} : { problem: `${CONFIG_PATH} is invalid; using the default metrics settings` }),
  };
}
