import { leadTime, type PhaseInput } from "./definitions.js";
import { doraKeys, type DoraDeployment, type DoraIncident, type DoraKeys } from "./dora.js";

/** The rows a window's DORA keys are computed from, as the store's `listDoraFacts` returns them. */
export interface DoraReportInput {
  deployments: readonly DoraDeployment[];
  incidents: readonly DoraIncident[];
  deployedPrs: readonly Pick<PhaseInput, "firstCommitAt" | "openedAt" | "deployedAt">[];
}

/** The DORA four keys of the repos for the window (ADR 0040), with their bands. */
export function doraReport(input: DoraReportInput, window: { from: number; to: number }): DoraKeys {
  const leadTimes = input.deployedPrs.map((pr) => leadTime(pr)).filter((value): value is number => value !== null);
  return doraKeys({ from: window.from, to: window.to, deployments: input.deployments, incidents: input.incidents, leadTimes });
}
