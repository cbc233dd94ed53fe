import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { childServerEnv, deliver, startChildServer, startServer } from "../helpers/server.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("SQLite held by another process", () => {
  const cleanups: Array<() => unknown> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it("keeps /healthz answering while another process holds the write lock, and stores the deliveries once it is released", async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), "shipshape-lock-"));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const { child, url } = await startChildServer(childServerEnv({ dataDir }));
    cleanups.push(() => new Promise((resolve) => (child.exitCode === null ? (child.once("exit", resolve), child.kill("SIGTERM")) : resolve(undefined))));

    // A second process (this one) takes the write lock on the same file, as a CLI run or a backup would.
    const holder = new SQLite(path.join(dataDir, "shipshape.db"));
    cleanups.push(() => holder.close());
    holder.exec("begin immediate");

    const deliveries = [1, 2, 3].map((n) => deliver(url, { event: "ping", id: `locked-${n}`, payload: { zen: `n${n}` } }));
    const latencies: number[] = [];
    const lockHeldMs = 3_000;
    const until = Date.now() + lockHeldMs;
    while (Date.now() < until) {
      const started = performance.now();
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      latencies.push(performance.now() - started);
      await sleep(100);
    }
    holder.exec("rollback");

    // With SQLite waiting inside each call (busy_timeout 5000), /healthz waited for the lock: ~3 s.
    expect(latencies.length).toBeGreaterThan(5);
    expect(Math.max(...latencies)).toBeLessThan(1_000);
    expect((await Promise.all(deliveries)).map((response) => response.status)).toEqual([202, 202, 202]);
    const stored = holder.prepare("select count(*) as n from deliveries where delivery_id like 'locked-%'").get() as { n: number };
    expect(stored.n).toBe(3);
  });

  it("/readyz answers 503 while the store cannot be written", async () => {
    const server = await startServer();
    cleanups.push(() => server.stop());
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    await sql`pragma query_only = 1`.execute(server.deps.db.kysely);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: "unavailable", database: "unreachable" });
    await sql`pragma query_only = 0`.execute(server.deps.db.kysely);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});
