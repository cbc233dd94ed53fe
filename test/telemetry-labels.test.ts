import { describe, expect, it } from "vitest";
import { createTelemetry } from "../src/lib/telemetry.js";
import { MAX_INSTALLATION_SERIES } from "../src/lib/telemetry-labels.js";

const series = async (telemetry: ReturnType<typeof createTelemetry>, name: string) =>
  (await telemetry.registry.metrics()).split("\n").filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `));

describe("every metric label comes from a closed set", () => {
  it.each([
    ["pull_request", 'event="pull_request"'],
    ["workflow_run", 'event="workflow_run"'],
    ["x".repeat(12 * 1024), 'event="unknown"'],
    ["pull_request_x", 'event="unknown"'],
  ])("delivery and handling events: %s -> %s", async (event, label) => {
    const telemetry = createTelemetry();
    telemetry.deliveries.inc({ event, outcome: "processed" });
    telemetry.handlingSeconds.observe({ event }, 0.1);
    expect(await series(telemetry, "shipshape_deliveries_total")).toEqual([`shipshape_deliveries_total{${label},outcome="processed"} 1`]);
    expect((await series(telemetry, "shipshape_delivery_handling_seconds_count"))).toEqual([`shipshape_delivery_handling_seconds_count{${label}} 1`]);
  });

  it("outcomes, statuses and inbox states outside their sets are unknown", async () => {
    const telemetry = createTelemetry();
    telemetry.deliveries.inc({ event: "push", outcome: "made-up" as never });
    telemetry.githubRequests.inc({ status: 404 });
    telemetry.githubRequests.inc({ status: "0" });
    telemetry.githubRequests.inc({ status: "9999" });
    telemetry.inboxDepth.set({ status: "pending" }, 2);
    telemetry.inboxDepth.set({ status: "<script>" }, 1);
    expect(await series(telemetry, "shipshape_deliveries_total")).toEqual(['shipshape_deliveries_total{event="push",outcome="unknown"} 1']);
    expect(await series(telemetry, "shipshape_github_requests_total")).toEqual([
      'shipshape_github_requests_total{status="404"} 1',
      'shipshape_github_requests_total{status="0"} 1',
      'shipshape_github_requests_total{status="unknown"} 1',
    ]);
    expect(await series(telemetry, "shipshape_inbox_deliveries")).toEqual(['shipshape_inbox_deliveries{status="pending"} 2', 'shipshape_inbox_deliveries{status="unknown"} 1']);
  });

  it(`keeps the first ${MAX_INSTALLATION_SERIES} installations and counts later ones as other`, async () => {
    const telemetry = createTelemetry();
    for (let id = 1; id <= MAX_INSTALLATION_SERIES + 50; id++) telemetry.rateLimitRemaining.set({ installation: `installation-${id}` }, id);
    telemetry.rateLimitRemaining.set({ installation: "installation-1" }, 7);
    const lines = await series(telemetry, "shipshape_github_rate_limit_remaining");
    expect(lines).toHaveLength(MAX_INSTALLATION_SERIES + 1);
    expect(lines).toContain('shipshape_github_rate_limit_remaining{installation="installation-1"} 7');
    expect(lines).toContain(`shipshape_github_rate_limit_remaining{installation="other"} ${MAX_INSTALLATION_SERIES + 50}`);
  });
});
