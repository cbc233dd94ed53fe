import { afterEach, describe, expect, it } from "vitest";
import { parkedPacing } from "../../src/github/parked-pacing.js";
import { localPacing } from "../../src/github/shared-pacing.js";
import { shipshapeOctokit } from "../../src/github/shipshape-octokit.js";
import { InboxWorker } from "../../src/inbox/worker.js";
import { ParkingLot } from "../../src/lib/parking.js";
import { createTelemetry } from "../../src/lib/telemetry.js";
import { openStore, type Db } from "../../src/store/db.js";
import { getDelivery, insertDelivery } from "../../src/store/deliveries.js";

const silent = { warn: () => undefined, error: () => undefined };

interface Write {
  installation: number;
  name: string;
  at: number;
}

/**
 * Deliveries that each send two writes through Shipshape's real Octokit class (plugin-throttling
 * on the pacing queues the server builds: one write a second per installation), to a recording
 * `fetch` (no network), processed by a worker with ONE slot.
 */
async function burst(params: { db: Db; maxParked: number; deliveries: Array<{ id: string; installation: number }> }): Promise<Write[]> {
  const { db } = params;
  const lot = new ParkingLot();
  const Octokit = shipshapeOctokit({}, parkedPacing(localPacing(), lot));
  const writes: Write[] = [];
  const octokitFor = (installation: number) =>
    new Octokit({
      auth: { installationId: installation },
      authStrategy: () => Object.assign(async () => ({ type: "token", token: "t" }), { hook: (request: (route: unknown, params: unknown) => unknown, route: unknown, params: unknown) => request(route, params) }),
      request: {
        fetch: async (_url: string, init: { body: string }) => {
          writes.push({ installation, name: (JSON.parse(init.body) as { name: string }).name, at: performance.now() });
          return new Response(JSON.stringify({ id: writes.length }), { status: 201, headers: { "content-type": "application/json" } });
        },
      },
    } as never);
  for (const [i, delivery] of params.deliveries.entries()) {
    // The handler below stands in for the app's; the event's payload check has nothing to refuse in a ping.
    const payload = { zen: "Keep it logically awesome.", installation: { id: delivery.installation } };
    await insertDelivery(db, { deliveryId: delivery.id, event: "ping", action: null, installationId: delivery.installation, lockKey: `${delivery.id}`, payload: JSON.stringify(payload), receivedAt: 1_000 + i });
  }
  const worker = new InboxWorker({
    db,
    telemetry: createTelemetry(),
    now: () => new Date(),
    log: silent,
    concurrency: 1,
    maxParked: params.maxParked,
    parking: lot,
    handle: async ({ id, payload }) => {
      const octokit = octokitFor((payload as { installation: { id: number } }).installation.id);
      await octokit.request("POST /repos/{owner}/{repo}/check-runs", { owner: "o", repo: "r", name: `${id}/ticket`, head_sha: "a" });
      await octokit.request("POST /repos/{owner}/{repo}/check-runs", { owner: "o", repo: "r", name: `${id}/adr`, head_sha: "a" });
    },
  });
  worker.start();
  const until = Date.now() + 8_000;
  for (;;) {
    const rows = await Promise.all(params.deliveries.map((d) => getDelivery(db, d.id)));
    if (rows.every((row) => row?.status === "done")) break;
    if (Date.now() > until) throw new Error(`deliveries not done: ${JSON.stringify(rows.map((row) => row?.status))}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await worker.stop();
  return writes;
}

function at(writes: Write[], name: string): number {
  const write = writes.find((w) => w.name === name);
  if (!write) throw new Error(`no write ${name}: ${writes.map((w) => w.name).join(", ")}`);
  return write.at;
}

function minGapOf(writes: Write[], installation: number): number {
  const times = writes.filter((w) => w.installation === installation).map((w) => w.at);
  return Math.min(...times.slice(1).map((t, i) => t - (times[i] as number)));
}

describe("a delivery waiting on its installation's pacing", () => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
  });

  // a1 and a2 share installation 1's write queue; b1 is another installation's. Claim order: a1, b1, a2.
  const deliveries = [
    { id: "a1", installation: 1 },
    { id: "a2", installation: 1 },
    { id: "b1", installation: 2 },
  ];

  it("lends its slot: another installation's delivery runs while it waits, and the pacing still holds", async () => {
    db = await openStore({ dataDir: ":memory:" });
    const writes = await burst({ db, maxParked: 8, deliveries });

    expect(writes.map((w) => w.name).sort()).toEqual(["a1/adr", "a1/ticket", "a2/adr", "a2/ticket", "b1/adr", "b1/ticket"]);
    // a1's second write waits ~1 s for its turn; b1 (one slot in all) does not wait for it.
    expect(at(writes, "b1/ticket") - at(writes, "a1/ticket")).toBeLessThan(500);
    expect(at(writes, "b1/ticket")).toBeLessThan(at(writes, "a1/adr"));
    // Parking changes who holds a slot, never the spacing of one installation's writes.
    expect(minGapOf(writes, 1)).toBeGreaterThanOrEqual(950);
    expect(minGapOf(writes, 2)).toBeGreaterThanOrEqual(950);
  });

  it("holds its slot with SHIPSHAPE_WORKERS_PARKED=0: the other installation waits for it", async () => {
    db = await openStore({ dataDir: ":memory:" });
    const writes = await burst({ db, maxParked: 0, deliveries });

    expect(writes).toHaveLength(6);
    expect(at(writes, "b1/ticket")).toBeGreaterThan(at(writes, "a1/adr"));
    expect(at(writes, "b1/ticket") - at(writes, "a1/ticket")).toBeGreaterThan(900);
  });
});

describe("waking the worker", () => {
  it("a delivery stored while the worker is claiming is picked up at once, not at the next poll", async () => {
    const db = await openStore({ dataDir: ":memory:" });
    try {
      const handled: string[] = [];
      let claims = 0;
      // The second claim runs just before the delivery is due (its clock is 1 ms early) and is told
      // of it mid-claim: the wake must not be lost while the loop is not sleeping.
      const receivedAt = Date.now() + 60_000;
      const worker: InboxWorker = new InboxWorker({
        db,
        telemetry: createTelemetry(),
        log: silent,
        pollMs: 60_000,
        now: () => {
          claims++;
          if (claims === 2) {
            worker.notify();
            return new Date(receivedAt - 1);
          }
          return new Date(claims < 2 ? receivedAt - 1 : receivedAt);
        },
        handle: async ({ id }) => void handled.push(id),
      });
      await insertDelivery(db, { deliveryId: "late", event: "ping", action: null, installationId: 1, lockKey: "late", payload: "{}", receivedAt });
      worker.start();
      await new Promise((resolve) => setTimeout(resolve, 50));
      // The first claim found nothing and the loop sleeps: this wake starts the second claim.
      worker.notify();
      const until = Date.now() + 5_000;
      while (handled.length === 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 10));
      await worker.stop();
      expect(handled).toEqual(["late"]);
    } finally {
      await db.close();
    }
  });
});
