import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeGap, pacingFloorMs, pullRequestBurst, shipshapeBurst, stockProbotBurst } from "../../bench/real-path.js";
import { SHIPSHAPE_SOURCE_COMMAND } from "../../bench/server-process.js";

// The stock-Probot contestant runs Shipshape's compiled app function (as the bench does after its build).
const NO_BUILD = existsSync("dist/src/index.js") ? "" : "skipped: no dist/ (run npm run build) for the stock-Probot contestant";
if (NO_BUILD) console.warn(`test/bench/real-path: ${NO_BUILD}`);

/** What the through-the-server bench relies on, checked by counts (never by how fast it ran). */
describe("the bench's real path", () => {
  it("orders a burst as it arrives: every installation's first event, then every second one", async () => {
    const burst = await pullRequestBurst({ installations: 4, events: 3, seed: 1 });
    const installations = burst.map((delivery) => (JSON.parse(delivery.body) as { installation: { id: number } }).installation.id);
    expect(installations).toEqual([500, 501, 502, 503, 500, 501, 502, 503, 500, 501, 502, 503]);
    const numbers = burst.map((delivery) => (JSON.parse(delivery.body) as { number: number }).number);
    expect(numbers).toEqual([1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3]);
    expect(new Set(burst.map((delivery) => delivery.id)).size).toBe(12);
    expect(burst.every((delivery) => delivery.event === "pull_request" && delivery.action === "opened")).toBe(true);
  });

  it("the pacing floor is one second per write of the busiest installation after its first", () => {
    expect(pacingFloorMs({ writesPerInstallation: 6 })).toBe(5_000);
    expect(pacingFloorMs({ writesPerInstallation: 0 })).toBe(0);
    expect(describeGap({ minWriteGapMs: 981.4, closeWrites: 0, refused: 0 })).toBe("closest two writes of one installation 981 ms apart");
    expect(describeGap({ minWriteGapMs: 120, closeWrites: 3, refused: 2 })).toBe("closest two writes of one installation 120 ms apart (3 pairs under 500 ms: pacing did not hold); 2 deliveries refused");
    expect(describeGap({ minWriteGapMs: 1000, closeWrites: 0, refused: 0, unanswered: 4 })).toBe(
      "closest two writes of one installation 1000 ms apart; 4 requests the fake GitHub could not answer (add their routes to test/helpers/fake-metrics-routes.ts)",
    );
  });

  it(
    "a burst sent to a Shipshape process goes through its inbox: every delivery done and both check runs of each PR seen by GitHub",
    async () => {
      const burst = await pullRequestBurst({ installations: 3, events: 2, seed: 2 });
      const result = await shipshapeBurst(burst, { SHIPSHAPE_WORKERS: "4", SHIPSHAPE_WORKERS_PER_INSTALLATION: "2" }, SHIPSHAPE_SOURCE_COMMAND);
      expect(result.refused).toBe(0);
      expect(result.deadLetters).toBe(0);
      // Each PR opened on a new head: the ticket and ADR check runs, two writes.
      expect(result.writes).toBe(12);
      expect(result.writesPerInstallation).toBe(4);
      // Paced per installation (one write a second): no two of one installation's writes close together.
      expect(result.closeWrites).toBe(0);
      expect(result.totalMs).toBeGreaterThan(0);
      expect(result.medianInstallationMs).toBeLessThanOrEqual(result.totalMs);
    },
    120_000,
  );

  it.skipIf(Boolean(NO_BUILD))(
    `stock Probot under probot run handles the same burst with Shipshape's app: the same check runs reach GitHub ${NO_BUILD}`,
    async () => {
      const burst = await pullRequestBurst({ installations: 2, events: 1, seed: 3 });
      const result = await stockProbotBurst(burst);
      expect(result.refused).toBe(0);
      expect(result.writes).toBe(4);
      expect(result.writesPerInstallation).toBe(2);
    },
    120_000,
  );
});
