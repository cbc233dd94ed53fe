import { afterEach, describe, expect, it } from "vitest";
import { InboxWorker, RECEIVING_HOLD_MS } from "../../src/inbox/worker.js";
import { LoopMeter } from "../../src/lib/loop-meter.js";
import { createTelemetry } from "../../src/lib/telemetry.js";
import { openStore, type Db } from "../../src/store/db.js";
import { getDelivery, insertDelivery } from "../../src/store/deliveries.js";

const silent = { warn: () => undefined, error: () => undefined };

/**
 * 24 deliveries over 24 installations, each held by its handler until released, processed by a
 * worker with 8 slots (4 while receiving). `busy` stands in for the event-loop meter.
 */
async function setUp(db: Db, busy: () => boolean) {
  const running = new Set<string>();
  let most = 0;
  const release: Array<() => void> = [];
  for (let i = 0; i < 24; i++) {
    const payload = { zen: "Design for failure.", installation: { id: i + 1 } };
    await insertDelivery(db, { deliveryId: `d-${i}`, event: "ping", action: null, installationId: i + 1, lockKey: `d-${i}`, payload: JSON.stringify(payload), receivedAt: 1_000 + i });
  }
  const worker = new InboxWorker({
    db,
    telemetry: createTelemetry(),
    now: () => new Date(),
    log: silent,
    concurrency: 8,
    whileReceiving: 4,
    busy,
    pollMs: 2_000,
    handle: async ({ id }) => {
      running.add(id);
      most = Math.max(most, running.size);
      await new Promise<void>((resolve) => release.push(resolve));
      running.delete(id);
    },
  });
  return { worker, running, most: () => most, release };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Lets every held delivery end until all 24 are done, then stops the worker. */
async function finish(worker: InboxWorker, db: Db, release: Array<() => void>): Promise<void> {
  await until(async () => {
    release.splice(0).forEach((resolve) => resolve());
    const rows = await Promise.all(Array.from({ length: 24 }, (_, i) => getDelivery(db, `d-${i}`)));
    return rows.every((row) => row?.status === "done");
  }, "every delivery done");
  await worker.stop();
}

describe("workers make room for the intake", () => {
  let db: Db | undefined;
  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  it("while deliveries arrive and the process is busy, at most the receiving slots run; all of them once arrivals stop", async () => {
    db = await openStore({ dataDir: ":memory:" });
    const { worker, running, most, release } = await setUp(db, () => true);
    // Deliveries keep arriving (the intake calls `received` on each one it stores).
    const arriving = setInterval(() => worker.received(), 20);
    worker.received();
    worker.start();
    try {
      await until(() => running.size === 4, "4 running");
      await new Promise((resolve) => setTimeout(resolve, 3 * RECEIVING_HOLD_MS));
      expect(most()).toBe(4);
      clearInterval(arriving);
      // The hold runs out: the loop looks again without waiting for its 2 s poll.
      await until(() => running.size === 8, "8 running", 1_000);
      expect(most()).toBe(8);
    } finally {
      clearInterval(arriving);
      await finish(worker, db, release);
    }
    const rows = await Promise.all(Array.from({ length: 24 }, (_, i) => getDelivery(db!, `d-${i}`)));
    expect(rows.map((row) => row?.status)).toEqual(Array(24).fill("done"));
  });

  it("a process with CPU to spare keeps every slot while deliveries arrive", async () => {
    db = await openStore({ dataDir: ":memory:" });
    const { worker, running, most, release } = await setUp(db, () => false);
    const arriving = setInterval(() => worker.received(), 20);
    worker.received();
    worker.start();
    try {
      await until(() => running.size === 8, "8 running");
      expect(most()).toBe(8);
    } finally {
      clearInterval(arriving);
      await finish(worker, db, release);
    }
  });
});

describe("LoopMeter", () => {
  it("reads a loop kept busy as near 1 and an idle one as near 0", async () => {
    const meter = new LoopMeter(50);
    meter.start();
    try {
      const spinUntil = performance.now() + 160;
      while (performance.now() < spinUntil) {
        // Busy: the interval's sample waits until this turn ends, then reads a full window of work.
        await new Promise((resolve) => setImmediate(resolve));
        const end = performance.now() + 10;
        while (performance.now() < end) Math.sqrt(Math.random());
      }
      expect(meter.utilisation).toBeGreaterThan(0.8);
      await new Promise((resolve) => setTimeout(resolve, 160));
      expect(meter.utilisation).toBeLessThan(0.2);
    } finally {
      meter.stop();
    }
  });
});
