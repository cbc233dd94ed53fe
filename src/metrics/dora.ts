import type { IncidentSource } from "../model/incident-sources.js";
import { INCIDENT_SOURCES } from "../model/incident-sources.js";
import { deployDays } from "./deploy-days.js";
import { changeFailureRateBand, deploymentFrequencyBand, leadTimeBand, timeToRestoreBand, type Band } from "./dora-bands.js";
import { distribution, percentile, Samples } from "./percentile.js";

const DAY = 86_400_000;

export interface DoraDeployment {
  repoId: number;
  createdAt: number;
  /** Latest status. */
  status: string | null;
  succeededAt: number | null;
  /** First failure or error status (when the failure was seen); the creation time stands in without one. */
  failedAt?: number | null;
}

export interface DoraIncident {
  repoId: number;
  /** When production broke: the opening, or for a revert the deployment of the reverted change. */
  openedAt: number;
  /** When it was restored: the closing, or the deployment of the revert. */
  closedAt: number | null;
  /** Where it comes from (`metrics.incidents`); an incident issue when absent. */
  source?: Exclude<IncidentSource, "failed_deployments">;
}

export interface DoraInput {
  from: number;
  to: number;
  /** Production deployments created from `from` on (later ones tell when the next success came). */
  deployments: readonly DoraDeployment[];
  /** Incidents that can touch the window (incident issues and reverts). */
  incidents: readonly DoraIncident[];
  /** First commit -> deployed of each PR deployed in the window, ms. */
  leadTimes: readonly number[] | Samples;
  /** Each repo's `metrics.incidents`; a repo not in the map counts every source. */
  incidentSources?: ReadonlyMap<number, readonly IncidentSource[]>;
}

export interface DoraKeys {
  deployment_frequency: { deployments: number; per_day: number; per_week: number; deploy_days: number; median_deploy_days_per_week: number; band: Band | null };
  lead_time: { changes: number; median_seconds: number | null; band: Band | null };
  change_failure_rate: { deployments: number; failures: number; rate: number | null; band: Band | null };
  /** Incident opened -> restored (incident issues closed, reverts deployed). */
  time_to_restore: { incidents: number; median_seconds: number | null; band: Band | null };
  /** DORA 2023's failed deployment recovery time: a failed production deployment -> the next successful one. */
  failed_deployment_recovery_time: { recoveries: number; median_seconds: number | null; band: Band | null };
}

/** The keys for one window (ADRs 0040, 0041, 0048), each with its DORA band; `null` band = no data. */
export function doraKeys(input: DoraInput): DoraKeys {
  const { from, to } = input;
  const counts = (repoId: number, source: IncidentSource) => (input.incidentSources?.get(repoId) ?? INCIDENT_SOURCES).includes(source);
  const deployments = input.deployments.filter((d) => !isFailure(d) || counts(d.repoId, "failed_deployments"));
  const incidents = input.incidents.filter((i) => counts(i.repoId, i.source ?? "labels"));
  const inWindow = (at: number | null | undefined) => at !== null && at !== undefined && at >= from && at < to;
  const successTimes = deployments.filter((d) => isSuccess(d) && inWindow(d.succeededAt)).map((d) => d.succeededAt as number);
  const successes = successTimes.length;
  const perDay = successes / Math.max(1, (to - from) / DAY);
  const days = deployDays(successTimes, { from, to });

  const lead = input.leadTimes instanceof Samples ? input.leadTimes.distribution() : distribution(input.leadTimes);
  const leadMedian = lead.median;

  const finished = deployments.filter((d) => inWindow(d.createdAt) && (isSuccess(d) || isFailure(d)));
  const troubled = deploymentsFollowedByIncident(deployments, incidents);
  const failures = finished.filter((d) => isFailure(d) || troubled.has(d)).length;
  const rate = finished.length === 0 ? null : failures / finished.length;

  const restoreMedian = median(incidents.filter((i) => inWindow(i.openedAt) && i.closedAt !== null).map((i) => (i.closedAt as number) - i.openedAt));
  const recoveryMedian = median(recoveryTimes(deployments).filter((r) => inWindow(r.failedAt)).map((r) => r.ms));

  return {
    deployment_frequency: {
      deployments: successes,
      per_day: perDay,
      per_week: perDay * 7,
      deploy_days: days.days,
      median_deploy_days_per_week: days.medianPerWeek,
      band: successes === 0 && finished.length === 0 ? null : deploymentFrequencyBand(days),
    },
    lead_time: { changes: lead.count, median_seconds: seconds(leadMedian), band: leadMedian === null ? null : leadTimeBand(leadMedian) },
    change_failure_rate: { deployments: finished.length, failures, rate, band: rate === null ? null : changeFailureRateBand(rate) },
    time_to_restore: { incidents: restoreMedian.count, median_seconds: seconds(restoreMedian.value), band: restoreMedian.value === null ? null : timeToRestoreBand(restoreMedian.value) },
    failed_deployment_recovery_time: {
      recoveries: recoveryMedian.count,
      median_seconds: seconds(recoveryMedian.value),
      band: recoveryMedian.value === null ? null : timeToRestoreBand(recoveryMedian.value),
    },
  };
}

function isSuccess(d: DoraDeployment): boolean {
  return d.succeededAt !== null && !isFailure(d);
}

function isFailure(d: DoraDeployment): boolean {
  return d.status === "failure" || d.status === "error";
}

function median(values: number[]): { count: number; value: number | null } {
  return { count: values.length, value: percentile(values.sort((a, b) => a - b), 0.5) };
}

/** Per repo, in creation order: a run of failed deployments is recovered by the next success, timed from the run's first failure. */
function recoveryTimes(deployments: readonly DoraDeployment[]): { failedAt: number; ms: number }[] {
  const byRepo = new Map<number, DoraDeployment[]>();
  for (const d of deployments) {
    if (!isSuccess(d) && !isFailure(d)) continue;
    const list = byRepo.get(d.repoId);
    if (list) list.push(d);
    else byRepo.set(d.repoId, [d]);
  }
  const recoveries: { failedAt: number; ms: number }[] = [];
  for (const list of byRepo.values()) {
    list.sort((a, b) => a.createdAt - b.createdAt);
    let failedAt: number | null = null;
    for (const d of list) {
      if (isFailure(d)) failedAt ??= d.failedAt ?? d.createdAt;
      else if (failedAt !== null && (d.succeededAt as number) >= failedAt) {
        recoveries.push({ failedAt, ms: (d.succeededAt as number) - failedAt });
        failedAt = null;
      }
    }
  }
  return recoveries;
}

/** Successful deployments followed by an incident of their repo before the repo's next successful one. */
function deploymentsFollowedByIncident(deployments: readonly DoraDeployment[], incidents: readonly DoraIncident[]): Set<DoraDeployment> {
  const troubled = new Set<DoraDeployment>();
  const byRepo = new Map<number, DoraDeployment[]>();
  for (const d of deployments.filter(isSuccess).sort((a, b) => (a.succeededAt as number) - (b.succeededAt as number))) byRepo.set(d.repoId, [...(byRepo.get(d.repoId) ?? []), d]);
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
