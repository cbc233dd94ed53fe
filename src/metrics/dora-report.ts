import { leadTime, type PhaseInput } from "./definitions.js";
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
  deployedPrs: readonly Pick<PhaseInput, "firstCommitAt" | "openedAt" | "deployedAt">[];
}

/** The DORA four keys of the repos for the window (ADR 0040), with their bands. */
export function doraReport(input: DoraReportInput, window: { from: number; to: number }): DoraKeys {
  const leadTimes = input.deployedPrs.map((pr) => leadTime(pr)).filter((value): value is number => value !== null);
  const incidents: DoraIncident[] = [...input.incidents, ...(input.reverts ?? []).map((revert) => ({ repoId: revert.repoId, openedAt: revert.openedAt, closedAt: revert.closedAt, source: "reverts" as const }))];
  return doraKeys({ from: window.from, to: window.to, deployments: input.deployments, incidents, leadTimes, ...(input.incidentSources ? { incidentSources: input.incidentSources } : {}) });
}
