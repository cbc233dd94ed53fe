import { describe, expect, it } from "vitest";
import { bucketStart } from "../../src/metrics/bucket.js";
import { changeFailureRateBand, deploymentFrequencyBand, leadTimeBand, timeToRestoreBand } from "../../src/metrics/dora-bands.js";
import { doraKeys, type DoraDeployment, type DoraIncident } from "../../src/metrics/dora.js";
import { distribution, percentile } from "../../src/metrics/percentile.js";

const H = 3_600_000;
const D = 24 * H;
const FROM = Date.parse("2024-06-01T00:00:00Z");
const TO = FROM + 7 * D;
const ok = (day: number, repoId = 1): DoraDeployment => ({ repoId, createdAt: FROM + day * D, status: "success", succeededAt: FROM + day * D + 60_000 });
const failed = (day: number, status = "failure"): DoraDeployment => ({ repoId: 1, createdAt: FROM + day * D, status, succeededAt: null });
const incident = (day: number, hoursOpen: number | null, repoId = 1): DoraIncident => ({ repoId, openedAt: FROM + day * D, closedAt: hoursOpen === null ? null : FROM + day * D + hoursOpen * H });

describe("DORA keys", () => {
  it("a failed deployment then an incident: both the failure and the deployment running during the incident count", () => {
    const keys = doraKeys({ from: FROM, to: TO, deployments: [ok(0), failed(1), ok(3), ok(5)], incidents: [incident(1.5, 2)], leadTimes: [] });
    // ok(0) was running when the incident opened (failed(1) never went out); ok(3) and ok(5) are clean.
    expect(keys.change_failure_rate).toEqual({ deployments: 4, failures: 2, rate: 0.5, band: "low" });
    expect(keys.time_to_restore).toEqual({ incidents: 1, median_seconds: 7200, band: "high" });
  });

  it("counts successes per day and week, lead time median, and ignores unfinished deployments", () => {
    const pending: DoraDeployment = { repoId: 1, createdAt: FROM + D, status: "in_progress", succeededAt: null };
    const keys = doraKeys({ from: FROM, to: TO, deployments: [ok(0), ok(1), ok(2), pending, ok(8)], incidents: [], leadTimes: [3 * H, 1 * H, 30 * H] });
    expect(keys.deployment_frequency).toEqual({ deployments: 3, per_day: 3 / 7, per_week: 3, deploy_days: 3, median_deploy_days_per_week: 3, band: "high" });
    expect(keys.lead_time).toEqual({ changes: 3, median_seconds: 3 * 3600, band: "elite" });
    expect(keys.change_failure_rate).toMatchObject({ deployments: 3, failures: 0, rate: 0, band: "elite" });
  });

  it("an incident in another repo, or after the next success, does not fail a deployment", () => {
    const keys = doraKeys({ from: FROM, to: TO, deployments: [ok(0), ok(2), ok(1, 2)], incidents: [incident(2.5, null, 2), incident(0.5, 1)], leadTimes: [] });
    expect(keys.change_failure_rate.failures).toBe(2); // ok(0) in repo 1 and ok(1, 2) in repo 2
    expect(keys.time_to_restore.incidents).toBe(1); // the open one has no restore time yet
  });

  it("no data: no bands", () => {
    const keys = doraKeys({ from: FROM, to: TO, deployments: [], incidents: [], leadTimes: [] });
    expect([keys.deployment_frequency.band, keys.lead_time.band, keys.change_failure_rate.band, keys.time_to_restore.band, keys.failed_deployment_recovery_time.band]).toEqual([null, null, null, null, null]);
  });

  it.each([
    [deploymentFrequencyBand({ medianPerWeek: 5, medianPerMonth: 21 }), "elite"],
    [deploymentFrequencyBand({ medianPerWeek: 4, medianPerMonth: 17 }), "high"],
    [deploymentFrequencyBand({ medianPerWeek: 1, medianPerMonth: 4 }), "high"],
    [deploymentFrequencyBand({ medianPerWeek: 0, medianPerMonth: 1 }), "medium"],
    [deploymentFrequencyBand({ medianPerWeek: 0, medianPerMonth: 0.9 }), "low"],
    [leadTimeBand(23 * H), "elite"],
    [leadTimeBand(7 * D), "high"],
    [leadTimeBand(30 * D), "medium"],
    [leadTimeBand(31 * D), "low"],
    [changeFailureRateBand(0.05), "elite"],
    [changeFailureRateBand(0.1), "high"],
    [changeFailureRateBand(0.15), "medium"],
    [changeFailureRateBand(0.16), "low"],
    [timeToRestoreBand(59 * 60_000), "elite"],
    [timeToRestoreBand(23 * H), "high"],
    [timeToRestoreBand(7 * D), "medium"],
    [timeToRestoreBand(8 * D), "low"],
  ])("band %s = %s", (band, expected) => {
    expect(band).toBe(expected);
  });
});

describe("percentiles and buckets", () => {
  it("interpolates like percentile_cont", () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10], 0.9)).toBe(10);
    expect(percentile([], 0.5)).toBeNull();
    expect(distribution([5, 1, 4, 2, 3, 6, 7, 8, 9, 10])).toEqual({ count: 10, median: 5.5, p75: 7.75, p90: 9.1 });
  });

  it.each([
    ["2024-06-05T13:00:00Z", "day", "2024-06-05T00:00:00.000Z"],
    ["2024-06-05T13:00:00Z", "week", "2024-06-03T00:00:00.000Z"],
    ["2024-06-03T00:00:00Z", "week", "2024-06-03T00:00:00.000Z"],
    ["2024-06-09T23:59:59Z", "week", "2024-06-03T00:00:00.000Z"],
    ["2024-06-30T23:00:00Z", "month", "2024-06-01T00:00:00.000Z"],
  ] as const)("%s in its %s starts %s", (time, bucket, start) => {
    expect(new Date(bucketStart(Date.parse(time), bucket)).toISOString()).toBe(start);
  });
});
