import { describe, expect, it } from "vitest";
import { BENCH_SECRET } from "../../bench/apps.js";
import { DeliveryFactory, type Delivery } from "../../bench/deliveries.js";
import { Prng } from "../../bench/prng.js";
import { deliverAll, SCALE_DATABASE_URL, SKIP_REASON, waitForProcessed, useCluster } from "./cluster.js";

const BUSY = 800;
const BURST = 24;
const QUIET = 19;

describe.skipIf(!SCALE_DATABASE_URL)(`a burst of deliveries for 20 installations ${SCALE_DATABASE_URL ? "" : `(${SKIP_REASON})`}`, () => {
  const cluster = useCluster(3);
  const measured = { busyMs: 0, quietMs: Number.POSITIVE_INFINITY };

  it("the busy installation's burst is paced at GitHub's write rate and every delivery is processed", async () => {
    const { processes, db } = cluster;
    const prng = new Prng(20);
    const factory = new DeliveryFactory(BENCH_SECRET, prng);
    const burst: Delivery[] = [];
    for (let number = 1; number <= BURST; number++) {
      burst.push(await factory.pullRequest("opened", { installation: BUSY, owner: "busy-org", repo: "monorepo", repoId: 80_000, number, headSha: prng.hex(40) }));
    }
    const quiet: Delivery[] = [];
    for (let i = 1; i <= QUIET; i++) {
      quiet.push(await factory.pullRequest("opened", { installation: BUSY + i, owner: `quiet-org-${i}`, repo: "app", repoId: 80_000 + i, number: 1, headSha: prng.hex(40) }));
    }

    // The busy organisation's burst arrives first; the others' deliveries queue up behind it.
    await deliverAll(processes, burst, { concurrency: 8 });
    await deliverAll(processes, quiet, { concurrency: 8 });
    const rows = await waitForProcessed(db, [...burst, ...quiet].map((delivery) => delivery.id), 120_000);
    expect(rows.filter((row) => row.status !== "done")).toEqual([]);

    const handling = new Map(rows.map((row) => [row.delivery_id, (row.finished_at as number) - row.received_at]));
    measured.busyMs = Math.max(...burst.map((delivery) => handling.get(delivery.id) as number));
    measured.quietMs = Math.max(...quiet.map((delivery) => handling.get(delivery.id) as number));
    // One write a second per installation and process: 24 check runs over 3 processes take > 7 s.
    expect(measured.busyMs).toBeGreaterThan(7_000);
  }, 180_000);

  // Workers claim installations round-robin and one installation holds at most half a process's
  // slots, so the quiet installations' deliveries do not queue behind the busy one's paced writes.
  // Measured against the burst itself, not a wall-clock limit: a loaded machine slows both, and a
  // quiet delivery queued behind the burst would take about as long as the burst does.
  it("the other 19 installations are not delayed by it (each done in less than half the burst's time)", () => {
    expect(measured.quietMs, `the slowest quiet installation took ${measured.quietMs} ms while the burst took ${measured.busyMs} ms`).toBeLessThan(measured.busyMs / 2);
  });
});
