import { leadTime } from "../metrics/definitions.js";
import { doraKeys, type DoraKeys } from "../metrics/dora.js";
import type { Db } from "./db.js";
import { listProductionDeployments } from "./deployments.js";
import { listIncidents } from "./incidents.js";
import type { MetricScope } from "./metric-scope.js";

const FOREVER = Number.MAX_SAFE_INTEGER;

/** The DORA four keys of the repos for the window (SPEC §4), with their bands. */
export async function doraReport(db: Db, params: MetricScope): Promise<DoraKeys> {
  const { repoIds, from, to } = params;
  if (repoIds.length === 0) return doraKeys({ from, to, deployments: [], incidents: [], leadTimes: [] });
  let deployedPrs = db.kysely
    .selectFrom("pull_requests")
    .select(["first_commit_at", "opened_at", "deployed_at"])
    .where("repo_id", "in", repoIds)
    .where("deployed_at", ">=", from)
    .where("deployed_at", "<", to);
  if (!params.includeBots) deployedPrs = deployedPrs.where("author_is_bot", "=", 0);
  // Deployments and incidents after the window still tell whether one inside it was followed by an incident.
  const [deployments, incidents, prs] = await Promise.all([
    listProductionDeployments(db, { repoIds, from, to: FOREVER }),
    listIncidents(db, { repoIds, from, to: FOREVER }),
    deployedPrs.execute(),
  ]);
  const leadTimes = prs
    .map((pr) => leadTime({ firstCommitAt: pr.first_commit_at, openedAt: pr.opened_at, deployedAt: pr.deployed_at }))
    .filter((value): value is number => value !== null);
  return doraKeys({ from, to, deployments, incidents, leadTimes });
}
