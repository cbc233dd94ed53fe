import { performance } from "node:perf_hooks";
import { describe, expect, it } from "vitest";
import { BENCH_SECRET } from "../../bench/apps.js";
import { DeliveryFactory, type Delivery } from "../../bench/deliveries.js";
import { Prng } from "../../bench/prng.js";
import { scratchDatabase } from "../../bench/scratch-database.js";
import { REDIS_BACK, REDIS_LOST } from "../../src/github/shared-pacing.js";
import { FakeGitHubServer, type SeenRequest } from "../helpers/fake-github-server.js";
import { deliverAll, eventually, openShared, RedisServer, SCALE_DATABASE_URL, SKIP_REASON, startCluster, waitForProcessed, type AppProcess } from "./cluster.js";

/** Three installations in the first burst; the busy one comes back in the second. */
const INSTALLATIONS = [1771, 1772, 1773] as const;
const BUSY = INSTALLATIONS[0];
const FIRST_BURST_PER_INSTALLATION = 4;
const SECOND_BURST = 6;

const times = (text: string, line: string) => text.split(line).length - 1;

describe.skipIf(!SCALE_DATABASE_URL)(`Redis lost and back under 3 replicas ${SCALE_DATABASE_URL ? "" : SKIP_REASON}`, () => {
  it("every delivery done once while Redis is gone, one line per process each way, writes shared again once it is back", async () => {
    const redis = await RedisServer.create();
    const github = await new FakeGitHubServer().start();
    const scratch = await scratchDatabase(SCALE_DATABASE_URL as string, "shipshape_redis_replicas");
    let processes: AppProcess[] = [];
    const db = await openShared(scratch.url);
    try {
      // Info level: the line that says Redis is back is an info line. At most 2 deliveries of one
      // installation in flight per process: the second burst's 6 reach all three processes.
      processes = await startCluster({ count: 3, github, databaseUrl: scratch.url, env: { REDIS_URL: redis.url, LOG_LEVEL: "info", SHIPSHAPE_WORKERS_PER_INSTALLATION: "2" } });
      const prng = new Prng(1771);
      const factory = new DeliveryFactory(BENCH_SECRET, prng);
      const pullRequest = (installation: number, number: number) => factory.pullRequest("opened", { installation, owner: `owner-${installation}`, repo: "r", repoId: installation * 100, number, headSha: prng.hex(40) });

      // 1. A burst for three installations over the three processes; Redis killed mid-burst.
      const first: Delivery[] = [];
      for (let number = 1; number <= FIRST_BURST_PER_INSTALLATION; number++) for (const installation of INSTALLATIONS) first.push(await pullRequest(installation, number));
      await deliverAll(processes, first, { concurrency: first.length });
      await eventually(async () => github.writes().length >= 4, 30_000, 20);
      const writesBeforeKill = github.writes().length;
      await redis.kill();
      const rows = await waitForProcessed(db, first.map((d) => d.id), 120_000);
      expect(rows.filter((row) => row.status !== "done").map((row) => [row.delivery_id, row.status, row.last_error])).toEqual([]);
      // The kill came mid-burst: most of the writes were still to come.
      expect(github.writes().length).toBeGreaterThan(writesBeforeKill * 2);
      expect(github.unhandled).toEqual([]);
      // Nothing lost, nothing twice: every delivery's check runs, each created exactly once.
      const perKey = github.checkRunsCreatedPerKey();
      expect([...perKey.entries()].filter(([, count]) => count !== 1)).toEqual([]);
      const runsPerHead = first.map((delivery) => {
        const { pull_request, repository } = JSON.parse(delivery.body) as { pull_request: { head: { sha: string } }; repository: { full_name: string } };
        return [...perKey.keys()].filter((key) => key.startsWith(`${repository.full_name}@${pull_request.head.sha} `)).length;
      });
      expect(Math.min(...runsPerHead)).toBeGreaterThanOrEqual(1);
      expect(new Set(runsPerHead).size, `check runs per delivery: ${runsPerHead.join(", ")}`).toBe(1);
      // Each process said once that it paces alone now.
      await eventually(async () => processes.every((app) => app.stdout.includes(REDIS_LOST)), 10_000);
      expect(processes.map((app) => times(app.stdout, REDIS_LOST))).toEqual([1, 1, 1]);
      expect(processes.map((app) => times(app.stdout, REDIS_BACK))).toEqual([0, 0, 0]);

      // 2. Redis back on the same port (empty, as a restarted one is): each process says so once.
      await redis.start();
      await eventually(async () => processes.every((app) => app.stdout.includes(REDIS_BACK)), 30_000);
      expect(processes.map((app) => times(app.stdout, REDIS_BACK))).toEqual([1, 1, 1]);
      expect(processes.map((app) => times(app.stdout, REDIS_LOST))).toEqual([1, 1, 1]);

      // A second burst for the busy installation: its writes are a pacing interval apart again,
      // across all three processes (each sends with its own installation token).
      const since = performance.now();
      const second: Delivery[] = [];
      for (let number = 11; number < 11 + SECOND_BURST; number++) second.push(await pullRequest(BUSY, number));
      await deliverAll(processes, second, { concurrency: second.length });
      const secondRows = await waitForProcessed(db, second.map((d) => d.id), 120_000);
      expect(secondRows.filter((row) => row.status !== "done").map((row) => [row.delivery_id, row.status, row.last_error])).toEqual([]);
      const writes = github.writes().filter((request: SeenRequest) => request.installation === BUSY && request.at >= since).sort((a, b) => a.at - b.at);
      expect(writes.length).toBeGreaterThanOrEqual(SECOND_BURST);
      const senders = new Set(writes.map((request) => request.token));
      expect(senders.size, "the second burst's writes came from all three processes (one installation token each)").toBe(3);
      const gaps = writes.slice(1).map((request, i) => request.at - (writes[i] as SeenRequest).at);
      // The slack of test/scale/shared-pacing-replicas.test.ts: the slot is taken in Redis, the
      // request leaves its process just after. Each process pacing alone gives gaps of 420-540 ms.
      expect(Math.min(...gaps), `gaps ${gaps.map(Math.round).join(", ")} ms`).toBeGreaterThanOrEqual(900);
      expect(processes.every((app) => app.alive)).toBe(true);
    } finally {
      await redis.kill();
      await Promise.all(processes.map((app) => app.stop()));
      await db.close();
      await scratch.drop();
      await github.stop();
    }
  }, 300_000);
});
