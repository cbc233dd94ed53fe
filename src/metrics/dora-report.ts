import { leadTime } from "./definitions.js";
import { dayColumnsReader, time } from "./day-columns.js";
import { DEPLOYED_PR_COLUMNS, type DeployedPrDay } from "../model/cycle-time-days.js";
import { Samples } from "./percentile.js";
import type { IncidentSource } from "../model/incident-sources.js";
import { doraKeys, type DoraDeployment, type DoraIncident, type DoraKeys } from "./dora.js";

/** The rows a window's DORA keys are computed from, as the store's `listDoraFacts` returns them. */
export interface DoraReportInput {
  deployments: readonly DoraDeployment[];
  /** Incident issues (source `labels`). */
  incidents: readonly DoraIncident[];
  /** Revert PRs: broken when the reverted change was deployed, restored when the revert was. */
  reverts?: readonly { repoId: number; openedAt: number; closedAt: number | null }[];
  /** Each repo's `metrics.incidents`; a repo not in it counts every source. */
  incidentSources?: ReadonlyMap<number, readonly IncidentSource[]>;
  /** The PRs deployed in the window, as the store's day columns. */
  deployedPrDays: readonly DeployedPrDay[];
}

/** The DORA four keys of the repos for the window (ADR 0040), with their bands. */
export function doraReport(input: DoraReportInput, window: { from: number; to: number }): DoraKeys {
  const leadTimes = leadTimesOf(input.deployedPrDays);
  const incidents: DoraIncident[] = [...input.incidents, ...(input.reverts ?? []).map((revert) => ({ repoId: revert.repoId, openedAt: revert.openedAt, closedAt: revert.closedAt, source: "reverts" as const }))];
  return doraKeys({ from: window.from, to: window.to, deployments: input.deployments, incidents, leadTimes, ...(input.incidentSources ? { incidentSources: input.incidentSources } : {}) });
}

/** Each deployed PR's lead time for changes (the written definition, `leadTime`), read from the day columns in place. */
function leadTimesOf(days: readonly DeployedPrDay[]): Samples {
  const leadTimes = new Samples();
  const read = dayColumnsReader(DEPLOYED_PR_COLUMNS);
  for (const day of days) {
    const { count, columns } = read(day);
    const [deployed, firstCommit, opened] = columns as [Float64Array, Float64Array, Float64Array];
    for (let i = 0; i < count; i++) {
      const value = leadTime({ deployedAt: time(deployed[i]!), firstCommitAt: time(firstCommit[i]!), openedAt: time(opened[i]!) });
      if (value !== null) leadTimes.push(value);
    }
  }
  return leadTimes;
}
