import type { DeployDays } from "./deploy-days.js";

/**
 * The DORA performance bands, from the Accelerate State of DevOps Report 2023 (DORA, Google
 * Cloud), "software delivery performance" clusters; the report's ranges overlap or leave gaps,
 * so ADR 0041 states how they are read as the thresholds below.
 */
export type Band = "elite" | "high" | "medium" | "low";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Read as DevLake reads the 2023 report (ADR 0041): by deploy days, not deployments, so a burst
 * of 30 on one day is one day. Elite (on demand): deployed on at least 5 days of the median week,
 * i.e. every working day (DevLake asks 7); high: at least one day a week; medium: at least one day
 * a month (30 days); low: less.
 */
export function deploymentFrequencyBand(days: Pick<DeployDays, "medianPerWeek" | "medianPerMonth">): Band {
  if (days.medianPerWeek >= 5) return "elite";
  if (days.medianPerWeek >= 1) return "high";
  if (days.medianPerMonth >= 1) return "medium";
  return "low";
}

/** Elite: under a day; high: up to a week; medium: up to a month; low: longer. */
export function leadTimeBand(ms: number): Band {
  if (ms < DAY) return "elite";
  if (ms <= 7 * DAY) return "high";
  if (ms <= 30 * DAY) return "medium";
  return "low";
}

/** Elite: up to 5 %; high: up to 10 %; medium: up to 15 %; low: more (the report's low cluster: 64 %). */
export function changeFailureRateBand(rate: number): Band {
  if (rate <= 0.05) return "elite";
  if (rate <= 0.1) return "high";
  if (rate <= 0.15) return "medium";
  return "low";
}

/** Elite: under an hour; high: under a day; medium: up to a week; low: longer (both restore figures: incidents and failed deployments). */
export function timeToRestoreBand(ms: number): Band {
  if (ms < HOUR) return "elite";
  if (ms < DAY) return "high";
  if (ms <= 7 * DAY) return "medium";
  return "low";
}
