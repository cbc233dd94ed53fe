/**
 * What counts as a change failure (`metrics.incidents`, ADR 0048): incident-labelled issues,
 * revert PRs, failed production deployments. One list, so the config schema, the stored
 * per-repo setting and the DORA report cannot disagree on the names.
 */
export const INCIDENT_SOURCES = ["labels", "reverts", "failed_deployments"] as const;

export type IncidentSource = (typeof INCIDENT_SOURCES)[number];
