import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/store/db.js";
import {
  claimDeliveries,
  completeDelivery,
  deadLetterExhausted,
  failDelivery,
  inboxCounts,
  insertDelivery,
  releaseDeliveries,
  retryDeadDeliveries,
} from "../../src/store/deliveries.js";
import { stores } from "../helpers/stores.js";

const delivery = (id: string, receivedAt: number) => ({
  deliveryId: id,
  event: "pull_request",
  action: "opened",
  installationId: 7,
  lockKey: "1:pr:1",
  payload: "{}",
  receivedAt,
});

describe.each(stores)("inbox store on $name", ({ open }) => {
  let db: Db;
  beforeEach(async () => {
    db = await open();
  });
  afterEach(() => db.close());

  it("stores a delivery once, whatever the number of redeliveries", async () => {
    expect(await insertDelivery(db, delivery("a", 1))).toBe("inserted");
    expect(await insertDelivery(db, delivery("a", 2))).toBe("duplicate");
    expect(await inboxCounts(db)).toEqual({ pending: 1, processing: 0, dead: 0 });
  });

  it("claims due deliveries oldest first, never one that another worker holds", async () => {
    for (let i = 0; i < 5; i++) await insertDelivery(db, delivery(`d${i}`, 100 + i));
    const first = await claimDeliveries(db, { worker: "w1", limit: 3, now: 1000, leaseMs: 60_000 });
    const second = await claimDeliveries(db, { worker: "w2", limit: 3, now: 1000, leaseMs: 60_000 });
    expect(first.map((d) => d.delivery_id)).toEqual(["d0", "d1", "d2"]);
    expect(second.map((d) => d.delivery_id)).toEqual(["d3", "d4"]);
    expect(first[0]).toMatchObject({ attempts: 1, status: "processing", locked_by: "w1", installation_id: 7 });
  });

  it("takes installations round-robin, so one installation's burst does not starve the others", async () => {
    for (let i = 0; i < 6; i++) await insertDelivery(db, { ...delivery(`busy-${i}`, 100 + i), installationId: 1 });
    await insertDelivery(db, { ...delivery("quiet-a", 200), installationId: 2 });
    await insertDelivery(db, { ...delivery("quiet-b", 300), installationId: 3 });
    const claimed = await claimDeliveries(db, { worker: "w1", limit: 4, now: 1000, leaseMs: 60_000, perInstallation: 2 });
    expect(claimed.map((d) => d.delivery_id)).toEqual(["busy-0", "busy-1", "quiet-a", "quiet-b"]);
    const skipping = await claimDeliveries(db, { worker: "w1", limit: 4, now: 1000, leaseMs: 60_000, perInstallation: 2, skipInstallations: [1] });
    expect(skipping).toEqual([]);
  });

  it("reclaims a delivery whose lease expired (its worker died)", async () => {
    await insertDelivery(db, delivery("x", 1));
    await claimDeliveries(db, { worker: "dead-worker", limit: 1, now: 1000, leaseMs: 500 });
    expect(await claimDeliveries(db, { worker: "w2", limit: 1, now: 1400, leaseMs: 500 })).toEqual([]);
    const reclaimed = await claimDeliveries(db, { worker: "w2", limit: 1, now: 1600, leaseMs: 500 });
    expect(reclaimed.map((d) => [d.delivery_id, d.attempts])).toEqual([["x", 2]]);
    // The dead worker's late completion is ignored: w2 holds it now.
    await completeDelivery(db, { deliveryId: "x", worker: "dead-worker", now: 1700 });
    expect(await inboxCounts(db)).toEqual({ pending: 0, processing: 1, dead: 0 });
  });

  it("retries at the given time, keeps a dead letter, and replays it", async () => {
    await insertDelivery(db, delivery("y", 1));
    await claimDeliveries(db, { worker: "w", limit: 1, now: 10, leaseMs: 1000 });
    await failDelivery(db, { deliveryId: "y", worker: "w", error: "boom", retryAt: 5000, now: 20 });
    expect(await claimDeliveries(db, { worker: "w", limit: 1, now: 4999, leaseMs: 1000 })).toEqual([]);
    expect(await claimDeliveries(db, { worker: "w", limit: 1, now: 5000, leaseMs: 1000 })).toHaveLength(1);
    await failDelivery(db, { deliveryId: "y", worker: "w", error: "boom again", retryAt: null, now: 5001 });
    expect(await inboxCounts(db)).toEqual({ pending: 0, processing: 0, dead: 1 });
    expect(await retryDeadDeliveries(db, { deliveryIds: "all" })).toBe(1);
    expect(await claimDeliveries(db, { worker: "w", limit: 1, now: 6000, leaseMs: 1000 })).toMatchObject([{ delivery_id: "y", attempts: 1 }]);
  });

  it("hands claimed work back", async () => {
    await insertDelivery(db, delivery("z", 1));
    await claimDeliveries(db, { worker: "w", limit: 1, now: 10, leaseMs: 60_000 });
    expect(await releaseDeliveries(db, { worker: "w" })).toBe(1);
    expect(await claimDeliveries(db, { worker: "w2", limit: 1, now: 11, leaseMs: 60_000 })).toHaveLength(1);
  });

  it("makes a dead letter, at claim time, of a delivery whose every attempt died with its process", async () => {
    await insertDelivery(db, delivery("poison", 1));
    await insertDelivery(db, delivery("fine", 2));
    const maxAttempts = 3;
    // Three workers in turn claim the poison and die holding it (their leases simply run out).
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const now = attempt * 1000;
      expect(await deadLetterExhausted(db, { now, maxAttempts })).toEqual([]);
      const claimed = await claimDeliveries(db, { worker: `w${attempt}`, limit: 1, now, leaseMs: 500, maxAttempts });
      expect(claimed.map((d) => [d.delivery_id, d.attempts])).toEqual([["poison", attempt]]);
    }
    const dead = await deadLetterExhausted(db, { now: 4000, maxAttempts });
    expect(dead).toEqual([
      { delivery_id: "poison", event: "pull_request", attempts: 3, last_error: "all 3 attempts used up; the last never finished (the process died or lost its lease while handling it)" },
    ]);
    expect(await inboxCounts(db)).toEqual({ pending: 1, processing: 0, dead: 1 });
    // The next claim gets the other delivery; the dead letter is never claimed again.
    expect((await claimDeliveries(db, { worker: "w4", limit: 2, now: 4000, leaseMs: 500, maxAttempts })).map((d) => d.delivery_id)).toEqual(["fine"]);
    expect(await retryDeadDeliveries(db, { deliveryIds: ["poison"] })).toBe(1);
    expect(await claimDeliveries(db, { worker: "w5", limit: 1, now: 5000, leaseMs: 500, maxAttempts })).toMatchObject([{ delivery_id: "poison", attempts: 1 }]);
  });

  it("keeps the error of the attempt before, and dead-letters a crashed run's claims released at start (SQLite)", async () => {
    await insertDelivery(db, delivery("p", 1));
    await claimDeliveries(db, { worker: "w", limit: 1, now: 10, leaseMs: 60_000, maxAttempts: 2 });
    await failDelivery(db, { deliveryId: "p", worker: "w", error: "HTTP 502", retryAt: 20, now: 15 });
    await claimDeliveries(db, { worker: "w", limit: 1, now: 20, leaseMs: 60_000, maxAttempts: 2 });
    expect(await releaseDeliveries(db, {})).toBe(1); // the process died; the next one releases its claims
    expect(await claimDeliveries(db, { worker: "w2", limit: 1, now: 30, leaseMs: 60_000, maxAttempts: 2 })).toEqual([]);
    expect(await deadLetterExhausted(db, { now: 30, maxAttempts: 2 })).toMatchObject([
      { delivery_id: "p", attempts: 2, last_error: "all 2 attempts used up; the last never finished (the process died or lost its lease while handling it); the attempt before: HTTP 502" },
    ]);
  });

  it("gives the attempt back on a graceful hand-back", async () => {
    await insertDelivery(db, delivery("g", 1));
    await claimDeliveries(db, { worker: "w", limit: 1, now: 10, leaseMs: 60_000, maxAttempts: 1 });
    expect(await releaseDeliveries(db, { worker: "w", deliveryIds: ["g"], refundAttempt: true })).toBe(1);
    expect(await deadLetterExhausted(db, { now: 11, maxAttempts: 1 })).toEqual([]);
    expect(await claimDeliveries(db, { worker: "w2", limit: 1, now: 11, leaseMs: 60_000, maxAttempts: 1 })).toMatchObject([{ delivery_id: "g", attempts: 1 }]);
  });

  it("serialises work on one key and runs other keys in parallel", async () => {
    const order: string[] = [];
    const step = async (name: string, ms: number) => {
      order.push(`${name}:start`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      order.push(`${name}:end`);
    };
    await Promise.all([db.withLock("k1", () => step("a", 30)), db.withLock("k1", () => step("b", 1)), db.withLock("k2", () => step("c", 1))]);
    expect(order.indexOf("a:end")).toBeLessThan(order.indexOf("b:start"));
    expect(order.indexOf("c:end")).toBeLessThan(order.indexOf("a:end"));
  });
});
