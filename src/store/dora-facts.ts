import type { Db } from "./db.js";
import { listProductionDeployments, type DeploymentRecord } from "./deployments.js";
import { listIncidents, type IncidentRecord } from "./incidents.js";
import type { IncidentSource } from "../model/incident-sources.js";
import type { MetricScope } from "./metric-scope.js";
import { listIncidentSources } from "./repo-settings.js";
import { listRevertIncidents, type RevertIncident } from "./reverts.js";

const FOREVER = Number.MAX_SAFE_INTEGER;

/** The rows the DORA keys of a window are computed from (by `doraReport` in src/metrics/). */
export interface DoraFacts {
  deployments: DeploymentRecord[];
  incidents: IncidentRecord[];
  /** Merged revert PRs whose reverted change reached production (ADR 0048). */
  reverts: RevertIncident[];
  /** Each repo's `metrics.incidents`, as last read; a repo not in it counts every source. */
  incidentSources: Map<number, IncidentSource[]>;
  /** The PRs deployed in the window: the times their lead time is measured between. */
  deployedPrs: { firstCommitAt: number | null; openedAt: number | null; deployedAt: number | null }[];
}

/** Production deployments, incidents and deployed PRs of the repos for the window. */
export async function listDoraFacts(db: Db, params: MetricScope): Promise<DoraFacts> {
  const { repoIds, from, to } = params;
  if (repoIds.length === 0) return { deployments: [], incidents: [], reverts: [], incidentSources: new Map(), deployedPrs: [] };
  let deployedPrs = db.kysely
    .selectFrom("pull_requests")
    .select(["first_commit_at", "opened_at", "deployed_at"])
    .where("repo_id", "in", repoIds)
    .where("deployed_at", ">=", from)
    .where("deployed_at", "<", to);
  if (!params.includeBots) deployedPrs = deployedPrs.where("author_is_bot", "=", 0);
  // Deployments and incidents after the window still tell whether one inside it was followed by an incident.
  const [deployments, incidents, reverts, incidentSources, prs] = await Promise.all([
    listProductionDeployments(db, { repoIds, from, to: FOREVER }),
    listIncidents(db, { repoIds, from, to: FOREVER }),
    listRevertIncidents(db, { repoIds, from, to: FOREVER }),
    listIncidentSources(db, repoIds),
    deployedPrs.execute(),
  ]);
  return { deployments, incidents, reverts, incidentSources, deployedPrs: prs.map((pr) => ({ firstCommitAt: pr.first_commit_at, openedAt: pr.opened_at, deployedAt: pr.deployed_at })) };
}
