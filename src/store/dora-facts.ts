import { sql } from "kysely";
import { DEPLOYED_PR_COLUMNS, type DeployedPrDay } from "../model/cycle-time-days.js";
import { dayOf, joinedColumn, splitByDay } from "./day-columns.js";
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
  /** The PRs deployed in the window, as day columns: the times their lead time is measured between. */
  deployedPrDays: DeployedPrDay[];
}

/** Production deployments, incidents and deployed PRs of the repos for the window. */
export async function listDoraFacts(db: Db, params: MetricScope): Promise<DoraFacts> {
  const { repoIds, from } = params;
  if (repoIds.length === 0) return { deployments: [], incidents: [], reverts: [], incidentSources: new Map(), deployedPrDays: [] };
  // Deployments and incidents after the window still tell whether one inside it was followed by an incident.
  const [deployments, incidents, reverts, incidentSources, deployedPrDays] = await Promise.all([
    listProductionDeployments(db, { repoIds, from, to: FOREVER }),
    listIncidents(db, { repoIds, from, to: FOREVER }),
    listRevertIncidents(db, { repoIds, from, to: FOREVER }),
    listIncidentSources(db, repoIds),
    splitByDay(db, params, deployedDays),
  ]);
  return { deployments, incidents, reverts, incidentSources, deployedPrDays };
}

/** The PRs deployed in the window grouped by deployment day: a year of a busy repo is 100,000 PRs, read as a few hundred rows (ADR 0043). */
async function deployedDays(db: Db, params: MetricScope): Promise<DeployedPrDay[]> {
  const day = dayOf("deployed_at");
  let query = db.kysely
    .selectFrom("pull_requests")
    .select([sql<number>`repo_id`.as("repo_id"), day.as("day"), ...DEPLOYED_PR_COLUMNS.map((column) => joinedColumn(db, sql.ref(column)).as(column))])
    .where("repo_id", "in", params.repoIds)
    .where("deployed_at", ">=", params.from)
    .where("deployed_at", "<", params.to)
    .groupBy([sql`repo_id`, day]);
  if (!params.includeBots) query = query.where("author_is_bot", "=", 0);
  return (await query.execute()) as DeployedPrDay[];
}
