import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appEnv, BENCH_SECRET, freePort } from "../../bench/apps.js";
import { DeliveryFactory } from "../../bench/deliveries.js";
import { Prng } from "../../bench/prng.js";
import { sendDelivery } from "../../bench/send.js";
import { FakeGitHubServer } from "../helpers/fake-github-server.js";
import { AppProcess, eventually } from "./cluster.js";

const hasRedis = spawnSync("sh", ["-c", "command -v redis-server"]).status === 0;

describe.skipIf(!hasRedis)(`start-up with REDIS_URL ${hasRedis ? "" : "(skipped: redis-server is not on PATH)"}`, () => {
  let redis: ChildProcess;
  let github: FakeGitHubServer;
  let port = 0;
  beforeAll(async () => {
    port = await freePort();
    redis = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    github = await new FakeGitHubServer().start();
  });
  afterAll(async () => {
    redis?.kill();
    await github?.stop();
  });

  // No npx on PATH and no reachable registry, through a real process and one processed delivery.
  // (A smoke test: with ioredis installed, Probot's npx-import would find it too; that Probot never
  // gets REDIS_URL is proven in test/github/shared-pacing.test.ts.)
  it("serves with no npx and no registry: ioredis is Shipshape's own dependency", async () => {
    const app = new AppProcess("app-redis", appEnv(github, { REDIS_URL: `redis://127.0.0.1:${port}`, PATH: "/nonexistent", npm_config_registry: "http://127.0.0.1:9/" }));
    try {
      await app.start();
      // The first installation client is where Probot would run its install: process one delivery.
      const prng = new Prng(17);
      const delivery = await new DeliveryFactory(BENCH_SECRET, prng).pullRequest("opened", { installation: 1700, owner: "o", repo: "r", repoId: 17_000, number: 1, headSha: prng.hex(40) });
      expect((await sendDelivery(app.webhooks, delivery)).status).toBeLessThan(300);
      await eventually(async () => github.writes().length > 0, 30_000);
      expect(app.alive).toBe(true);
      expect(app.stderr).not.toMatch(/npx|ioredis/i);
    } finally {
      await app.stop();
    }
  }, 90_000);
});
