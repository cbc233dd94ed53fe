import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { appEnv, BENCH_SECRET, freePort } from "../../bench/apps.js";
import { DeliveryFactory, type Delivery } from "../../bench/deliveries.js";
import { Prng } from "../../bench/prng.js";
import { scratchDatabase } from "../../bench/scratch-database.js";
import { REDIS_LOST } from "../../src/github/shared-pacing.js";
import { FakeGitHubServer } from "../helpers/fake-github-server.js";
import { AppProcess, deliverAll, eventually, openShared, SCALE_DATABASE_URL, SKIP_REASON, waitForProcessed } from "./cluster.js";

const BUSY = 1717;

describe.skipIf(!SCALE_DATABASE_URL)(`Redis killed under a real app process ${SCALE_DATABASE_URL ? "" : SKIP_REASON}`, () => {
  it("falls back to per-process pacing: every delivery done, the line logged once, writes still 1 s apart", async () => {
    const port = await freePort();
    const redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    const github = await new FakeGitHubServer().start();
    const scratch = await scratchDatabase(SCALE_DATABASE_URL as string, "shipshape_redis_lost");
    const app = new AppProcess("app", appEnv(github, { DATABASE_URL: scratch.url, REDIS_URL: `redis://127.0.0.1:${port}`, LOG_LEVEL: "warn" }));
    const db = await openShared(scratch.url);
    try {
      await app.start();
      const prng = new Prng(1717);
      const factory = new DeliveryFactory(BENCH_SECRET, prng);
      const burst: Delivery[] = [];
      for (let number = 1; number <= 5; number++) burst.push(await factory.pullRequest("opened", { installation: BUSY, owner: "busy", repo: "r", repoId: 171_700, number, headSha: prng.hex(40) }));
      await deliverAll([app], burst, { concurrency: 5 });
      await eventually(async () => github.writes().filter((w) => w.installation === BUSY).length >= 2, 30_000);
      redis.kill("SIGKILL");
      const rows = await waitForProcessed(db, burst.map((d) => d.id), 120_000);
      expect(rows.filter((row) => row.status !== "done")).toEqual([]);
      const writes = github.writes().filter((w) => w.installation === BUSY).map((w) => w.at).sort((a, b) => a - b);
      expect(writes.length).toBeGreaterThanOrEqual(burst.length);
      const gaps = writes.slice(1).map((at, i) => at - (writes[i] as number));
      expect(Math.min(...gaps), `gaps ${gaps.map(Math.round).join(", ")} ms`).toBeGreaterThanOrEqual(950);
      expect(app.stdout.split(REDIS_LOST).length - 1, app.stdout).toBe(1);
    } finally {
      redis.kill("SIGKILL");
      await app.stop();
      await db.close();
      await scratch.drop();
      await github.stop();
    }
  }, 180_000);
});
