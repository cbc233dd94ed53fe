import { changeFailureRateBand, deploymentFrequencyBand, leadTimeBand, timeToRestoreBand, type Band } from "./dora-bands.js";
import { percentile } from "./percentile.js";

const DAY = 86_400_000;

export interface DoraDeployment {
  repoId: number;
  createdAt: number;
  /** Latest status. */
  status: string | null;
  succeededAt: number | null;
}

export interface DoraIncident {
  repoId: number;
  openedAt: number;
  closedAt: number | null;
}

export interface DoraInput {
  from: number;
  to: number;
  /** Production deployments created from `from` on (later ones tell when the next success came). */
  deployments: readonly DoraDeployment[];
  /** Incidents that can touch the window. */
  incidents: readonly DoraIncident[];
  /** First commit -> deployed of each PR deployed in the window, ms. */
  leadTimes: readonly number[];
}

export interface DoraKeys {
  deployment_frequency: { deployments: number; per_day: number; per_week: number; band: Band | null };
  lead_time: { changes: number; median_seconds: number | null; band: Band | null };
  change_failure_rate: { deployments: number; failures: number; rate: number | null; band: Band | null };
  time_to_restore: { incidents: number; median_seconds: number | null; band: Band | null };
}

/** The four keys for one window (ADR 0040), each with its DORA band; `null` band = no data. */
export function doraKeys(input: DoraInput): DoraKeys {
  const { from, to } = input;
  const inWindow = (at: number | null) => at !== null && at >= from && at < to;
  const successes = input.deployments.filter((d) => isSuccess(d) && inWindow(d.succeededAt)).length;
  const days = Math.max(1, (to - from) / DAY);
  const perDay = successes / days;

  const leadTimes = [...input.leadTimes].sort((a, b) => a - b);
  const leadMedian = percentile(leadTimes, 0.5);

  const finished = input.deployments.filter((d) => inWindow(d.createdAt) && (isSuccess(d) || isFailure(d)));
  const troubled = deploymentsFollowedByIncident(input);
  const failures = finished.filter((d) => isFailure(d) || troubled.has(d)).length;
  const rate = finished.length === 0 ? null : failures / finished.length;

  const restores = input.incidents
    .filter((i) => inWindow(i.openedAt) && i.closedAt !== null)
    .map((i) => (i.closedAt as number) - i.openedAt)
    .sort((a, b) => a - b);
  const restoreMedian = percentile(restores, 0.5);

  return {
    deployment_frequency: { deployments: successes, per_day: perDay, per_week: perDay * 7, band: successes === 0 && finished.length === 0 ? null : deploymentFrequencyBand(perDay) },
    lead_time: { changes: leadTimes.length, median_seconds: seconds(leadMedian), band: leadMedian === null ? null : leadTimeBand(leadMedian) },
    change_failure_rate: { deployments: finished.length, failures, rate, band: rate === null ? null : changeFailureRateBand(rate) },
    time_to_restore: { incidents: restores.length, median_seconds: seconds(restoreMedian), band: restoreMedian === null ? null : timeToRestoreBand(restoreMedian) },
  };
}

function isSuccess(d: DoraDeployment): boolean {
  return d.succeededAt !== null && !isFailure(d);
}

function isFailure(d: DoraDeployment): boolean {
  return d.status === "failure" || d.status === "error";
}

/** Successful deployments followed by an incident of their repo before the repo's next successful one. */
function deploymentsFollowedByIncident(input: DoraInput): Set<DoraDeployment> {
  const troubled = new Set<DoraDeployment>();
  const successes = input.deployments.filter(isSuccess).sort((a, b) => (a.succeededAt as number) - (b.succeededAt as number));
  const incidents = [...input.incidents].sort((a, b) => a.openedAt - b.openedAt);
  const byRepo = new Map<number, DoraDeployment[]>();
  for (const d of successes) byRepo.set(d.repoId, [...(byRepo.get(d.repoId) ?? []), d]);
  for (const incident of incidents) {
    // The deployment running when the incident opened: the repo's last success before it.
    const running = (byRepo.get(incident.repoId) ?? []).filter((d) => (d.succeededAt as number) <= incident.openedAt).at(-1);
    if (running) troubled.add(running);
  }
  return troubled;
}

function seconds(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms / 1000);
}
