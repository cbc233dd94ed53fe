import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import type { ProbotOctokit } from "probot";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort } from "../../bench/apps.js";
import { parseEnv } from "../../src/env.js";
import { pacingWarning, REDIS_LOST, sharedPacing } from "../../src/github/shared-pacing.js";
import { shipshapeOctokit } from "../../src/github/shipshape-octokit.js";
import { FakeGitHub } from "../helpers/fake-github.js";

const quietLog = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

describe("REDIS_URL", () => {
  it("is Shipshape's, never handed to Probot (which would install ioredis at run time)", () => {
    const env = parseEnv({ REDIS_URL: "redis://127.0.0.1:6379/0" });
    expect(env.redisUrl).toBe("redis://127.0.0.1:6379/0");
    expect(env.probot).not.toHaveProperty("REDIS_URL");
  });

  it("must be a redis:// URL, said in one line", () => {
    expect(() => parseEnv({ REDIS_URL: "localhost:6379" })).toThrow("REDIS_URL must be a redis:// or rediss:// URL");
  });

  it("warns once at start when replicas on PostgreSQL would each pace alone", () => {
    expect(pacingWarning({ databaseUrl: "postgres://db/x" })).toMatch(/^Set REDIS_URL when running more than one replica/);
    expect(pacingWarning({ databaseUrl: "postgres://db/x", redisUrl: "redis://r" })).toBeUndefined();
    expect(pacingWarning({})).toBeUndefined();
  });
});

const hasRedis = spawnSync("sh", ["-c", "command -v redis-server"]).status === 0;

describe.skipIf(!hasRedis)(`shared pacing on a real Redis ${hasRedis ? "" : "(skipped: redis-server is not on PATH)"}`, () => {
  let server: ChildProcess;
  let url = "";
  beforeAll(async () => {
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    server = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await redisUp(url);
  });
  afterAll(() => {
    server?.kill();
  });

  it("keeps one installation's write queue in Redis, keyed by installation", async () => {
    const github = new FakeGitHub().install();
    github.route("POST", /^\/repos\/o\/r\/issues\/1\/comments$/, () => [201, { id: 1 }]);
    const pacing = sharedPacing(url, quietLog);
    const Octokit = shipshapeOctokit({}, pacing.throttle);
    const octokit = new Octokit({ auth: { installationId: 42, token: "t" } as never, log: quietLog, retry: { enabled: false } } as never) as ProbotOctokit;
    const response = await octokit.rest.issues.createComment({ owner: "o", repo: "r", issue_number: 1, body: "x" });
    expect(response.status).toBe(201);
    const redis = new Redis(url);
    const keys = await redis.keys("*installation-42*");
    await redis.quit();
    await pacing.close();
    expect(keys.some((key) => key.includes("octokit-write-installation-42"))).toBe(true);
  }, 30_000);
});

describe.skipIf(!hasRedis)(`Redis going away mid-run ${hasRedis ? "" : "(skipped: redis-server is not on PATH)"}`, () => {
  it("falls back to per-process pacing with one log line: every write is sent once, still a second apart", async () => {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const server = spawn("redis-server", ["--port", String(port), "--save", "", "--appendonly", "no"], { stdio: "ignore" });
    await redisUp(url);
    const warnings: string[] = [];
    const pacing = sharedPacing(url, { ...quietLog, warn: (m: string) => warnings.push(m) });
    try {
      const github = new FakeGitHub().install();
      const sent: number[] = [];
      github.route("POST", /^\/repos\/o\/r\/issues\/1\/comments$/, () => {
        sent.push(Date.now());
        return [201, { id: sent.length }];
      });
      const Octokit = shipshapeOctokit({}, pacing.throttle);
      const octokit = new Octokit({ auth: { installationId: 43, token: "t" } as never, log: quietLog, retry: { enabled: false } } as never) as ProbotOctokit;
      const writes = Array.from({ length: 5 }, () => octokit.rest.issues.createComment({ owner: "o", repo: "r", issue_number: 1, body: "x" }));
      // Two writes through Redis, then Redis is killed with three still waiting in its queue.
      for (let i = 0; i < 100 && sent.length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(pacing.shared).toBe(true);
      expect(sent.length).toBe(2);
      server.kill("SIGKILL");
      const results = await Promise.all(writes);
      expect(results.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
      expect(sent.length).toBe(5);
      expect(pacing.shared).toBe(false);
      expect(warnings.filter((w) => w === REDIS_LOST)).toHaveLength(1);
      const gaps = sent.slice(1).map((at, i) => at - (sent[i] as number));
      expect(Math.min(...gaps), `gaps ${gaps.join(", ")} ms`).toBeGreaterThanOrEqual(950);
    } finally {
      server.kill("SIGKILL");
      await pacing.close();
    }
  }, 30_000);
});

/** Waits until the Redis at `url` answers (a freshly spawned server takes a moment). */
async function redisUp(url: string): Promise<void> {
  const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => 100 });
  for (let i = 0; i < 50; i++) {
    try {
      await probe.connect();
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  await probe.quit();
}
