import { describe, expect, it } from "vitest";
import { deployDays } from "../../src/metrics/deploy-days.js";
import { doraKeys, type DoraDeployment, type DoraIncident } from "../../src/metrics/dora.js";

const H = 3_600_000;
const D = 24 * H;
// A Monday: the window's four whole weeks run Monday to Sunday.
const FROM = Date.parse("2024-06-03T00:00:00Z");
const TO = FROM + 28 * D;
const ok = (at: number, repoId = 1): DoraDeployment => ({ repoId, createdAt: at - 60_000, status: "success", succeededAt: at });
const failed = (at: number, repoId = 1): DoraDeployment => ({ repoId, createdAt: at - 60_000, status: "failure", succeededAt: null, failedAt: at });
const weekdays = (perDay: number) => Array.from({ length: 28 }, (_, day) => day).filter((day) => day % 7 < 5).flatMap((day) => Array.from({ length: perDay }, (_, i) => ok(FROM + day * D + (10 + i) * H)));
const keys = (deployments: DoraDeployment[], incidents: DoraIncident[] = [], sources?: Map<number, ("labels" | "reverts" | "failed_deployments")[]>) =>
  doraKeys({ from: FROM, to: TO, deployments, incidents, leadTimes: [], ...(sources ? { incidentSources: sources } : {}) });

describe("deployment frequency by deploy days (ADR 0041, as DevLake)", () => {
  it.each([
    ["every weekday, once", weekdays(1), { deployments: 20, deploy_days: 20, median_deploy_days_per_week: 5, band: "elite" }],
    ["every weekday, three times", weekdays(3), { deployments: 60, deploy_days: 20, median_deploy_days_per_week: 5, band: "elite" }],
    ["a burst of 30 on one day", Array.from({ length: 30 }, (_, i) => ok(FROM + 9 * D + i * 60_000)), { deployments: 30, deploy_days: 1, median_deploy_days_per_week: 0, band: "medium" }],
    ["twice a week", [0, 3, 7, 10, 14, 17, 21, 24].map((day) => ok(FROM + day * D + H)), { deploy_days: 8, median_deploy_days_per_week: 2, band: "high" }],
    ["four days a week", Array.from({ length: 28 }, (_, day) => day).filter((day) => day % 7 < 4).map((day) => ok(FROM + day * D + H)), { median_deploy_days_per_week: 4, band: "high" }],
    ["one week of daily deploys, three quiet weeks", Array.from({ length: 7 }, (_, day) => ok(FROM + day * D + H)), { deploy_days: 7, median_deploy_days_per_week: 0, band: "medium" }],
  ] as const)("%s", (_name, deployments, expected) => {
    expect(keys([...deployments]).deployment_frequency).toMatchObject(expected);
  });

  it("a quarter with one deploy is low; the mean per day stays reported beside the band", () => {
    const from = FROM;
    const to = FROM + 91 * D;
    const figures = doraKeys({ from, to, deployments: [ok(FROM + 40 * D)], incidents: [], leadTimes: [] }).deployment_frequency;
    expect(figures).toMatchObject({ deployments: 1, deploy_days: 1, median_deploy_days_per_week: 0, band: "low", per_day: 1 / 91 });
  });

  it("counts UTC days, and a remainder at the window's start joins its oldest week", () => {
    // 10 days: shorter than two weeks, so one period of 10 days, scaled to a week.
    const window = { from: FROM, to: FROM + 10 * D };
    expect(deployDays([FROM + H, FROM + 2 * H, FROM + D + H], window)).toEqual({ days: 2, medianPerWeek: (2 * 7) / 10, medianPerMonth: (2 * 30) / 10 });
    // 15 days = the last 7 days, and the 8 before: days 0-7 hold 2 deploy days, scaled to 7/8 a week.
    const fifteen = { from: FROM, to: FROM + 15 * D };
    expect(deployDays([FROM + H, FROM + 5 * D, FROM + 9 * D, FROM + 10 * D, FROM + 11 * D], fifteen).medianPerWeek).toBe((2 * 7) / 8);
    expect(deployDays([], fifteen)).toEqual({ days: 0, medianPerWeek: 0, medianPerMonth: 0 });
  });
});

describe("failed deployment recovery time (DORA 2023) beside incident restore time", () => {
  it("a run of failures is recovered by the next success, timed from its first failure; each figure labelled apart", () => {
    const deployments = [ok(FROM + H), failed(FROM + D), failed(FROM + D + 2 * H), ok(FROM + D + 3 * H), failed(FROM + 5 * D), ok(FROM + 5 * D + 30 * 60_000), failed(FROM + 20 * D)];
    const incidents: DoraIncident[] = [{ repoId: 1, openedAt: FROM + 10 * D, closedAt: FROM + 10 * D + 8 * H }];
    const figures = keys(deployments, incidents);
    // Recoveries: 3 h and 30 min (the last failure is not recovered yet); median 1 h 45 min.
    expect(figures.failed_deployment_recovery_time).toEqual({ recoveries: 2, median_seconds: 105 * 60, band: "high" });
    expect(figures.time_to_restore).toEqual({ incidents: 1, median_seconds: 8 * 3600, band: "high" });
    expect(figures.change_failure_rate).toMatchObject({ deployments: 7, failures: 5 });
  });

  it("each repo recovers on its own: another repo's success does not end a failure", () => {
    const figures = keys([failed(FROM + D, 1), ok(FROM + D + H, 2), ok(FROM + 2 * D, 1)]);
    expect(figures.failed_deployment_recovery_time).toMatchObject({ recoveries: 1, median_seconds: 24 * 3600 });
  });

  it("metrics.incidents without failed_deployments: failures are neither change failures nor recoveries; without labels, issues do not count", () => {
    const deployments = [ok(FROM + H), failed(FROM + D), ok(FROM + 2 * D)];
    const incidents: DoraIncident[] = [{ repoId: 1, openedAt: FROM + 3 * D, closedAt: FROM + 3 * D + H }];
    const off = keys(deployments, incidents, new Map([[1, ["labels", "reverts"]]]));
    expect(off.change_failure_rate).toMatchObject({ deployments: 2, failures: 1 });
    expect(off.failed_deployment_recovery_time.recoveries).toBe(0);
    const noLabels = keys(deployments, incidents, new Map([[1, ["failed_deployments"]]]));
    expect(noLabels.change_failure_rate).toMatchObject({ deployments: 3, failures: 1 });
    expect(noLabels.time_to_restore.incidents).toBe(0);
  });
});
