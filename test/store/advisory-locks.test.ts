import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Db } from "../../src/store/db.js";
import { openPostgresDatabase } from "../helpers/stores.js";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)(`PostgreSQL locks across processes ${url ? "" : "(skipped: set TEST_DATABASE_URL=postgres://… to run)"}`, () => {
  let database: Awaited<ReturnType<typeof openPostgresDatabase>>;
  let first: Db;
  let second: Db;

  beforeAll(async () => {
    database = await openPostgresDatabase(url as string);
    // One pooled connection each: a held lock must not need one.
    first = await openStore({ databaseUrl: database.url, poolSize: 1 });
    second = await openStore({ databaseUrl: database.url, poolSize: 1 });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await database?.drop();
  });

  it("two stores (two replicas) never hold one key at once; the second runs once the first let go", async () => {
    const order: string[] = [];
    let releaseFirst!: () => void;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstStarted!: () => void;
    const started = new Promise<void>((resolve) => (firstStarted = resolve));
    const a = first.withLock("pr:1", async () => {
      order.push("a:start");
      firstStarted();
      await firstHolds;
      order.push("a:end");
    });
    await started;
    const b = second.withLock("pr:1", async () => {
      order.push("b:start");
    });
    // The second store's lock is tried (and refused) several times while the first holds it.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(order).toEqual(["a:start"]);
    releaseFirst();
    await Promise.all([a, b]);
    expect(order).toEqual(["a:start", "a:end", "b:start"]);
  });

  it("a held lock keeps no pooled connection: queries and other keys still run (pool of one)", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const outer = first.withLock("pr:2", () => held);
    const nested = await first.withLock("pr:3", async () => first.ping());
    expect(nested).toBe(true);
    expect(await first.ping()).toBe(true);
    release();
    await outer;
  });
});
