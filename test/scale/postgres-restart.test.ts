import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCH_SECRET } from "../../bench/apps.js";
import { DeliveryFactory, type Delivery } from "../../bench/deliveries.js";
import { FakeGitHubServer } from "../helpers/fake-github-server.js";
import { Prng } from "../../bench/prng.js";
import type { Db } from "../../src/store/db.js";
import { deliverAll, eventually, openShared, SCALE_DATABASE_URL, SKIP_REASON, sleep, startCluster, waitForProcessed, type AppProcess } from "./cluster.js";
import { OwnPostgres } from "./own-postgres.js";

const LATENCY_MS = 100;
const cannotRestart = OwnPostgres.unavailable();
const skipReason = !SCALE_DATABASE_URL ? SKIP_REASON : cannotRestart ? `skipped: ${cannotRestart}` : undefined;
if (SCALE_DATABASE_URL && cannotRestart) console.warn(`test/scale/postgres-restart: skipped: ${cannotRestart}`);

describe.skipIf(skipReason !== undefined)(`PostgreSQL restarted during load ${skipReason ? `(${skipReason})` : ""}`, () => {
  let github: FakeGitHubServer;
  let postgres: OwnPostgres;
  let processes: AppProcess[] = [];
  let db: Db;

  beforeAll(async () => {
    github = await new FakeGitHubServer().start();
    postgres = await OwnPostgres.create();
    processes = await startCluster({ count: 2, github, databaseUrl: postgres.url });
    db = await openShared(postgres.url);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((app) => app.stop()));
    await db?.close().catch(() => undefined);
    await postgres?.destroy();
    await github?.stop();
  }, 60_000);

  it("/readyz reports the outage, work resumes after it, nothing is lost", async () => {
    const prng = new Prng(5432);
    const factory = new DeliveryFactory(BENCH_SECRET, prng);
    const make = async (from: number, count: number) => {
      const out: Delivery[] = [];
      for (let number = from; number < from + count; number++) out.push(await factory.pullRequest("opened", { installation: 54, owner: "acme", repo: "billing", repoId: 5_432, number, headSha: prng.hex(40) }));
      return out;
    };
    const before = await make(1, 16);
    const during = await make(100, 12);
    github.latencyMs = LATENCY_MS;

    await deliverAll(processes, before, { concurrency: 8 });
    await eventually(async () => github.requests.some((request) => request.route === "POST /repos/:owner/:repo/check-runs"), 30_000, 20);

    await postgres.stop();
    for (const app of processes) {
      await eventually(async () => (await app.readyz()).status === 503, 20_000).catch((error: Error) => {
        throw new Error(`${app.name}: ${error.message}; alive: ${app.alive}; stderr: ${app.stderr}`);
      });
    }
    const readyWhileDown = await (processes[0] as AppProcess).readyz();
    // GitHub's deliveries during the outage get errors; like GitHub's redelivery, they are sent again.
    const sending = deliverAll(processes, during, { concurrency: 4, deadlineMs: 90_000 });
    await sleep(2_000);
    await postgres.start();

    for (const app of processes) await eventually(async () => (await app.readyz()).status === 200, 30_000);
    const { retried } = await sending;
    github.latencyMs = 0;

    const all = [...before, ...during];
    const rows = await waitForProcessed(db, all.map((delivery) => delivery.id), 150_000);
    expect(readyWhileDown.body).toMatchObject({ status: "unavailable" });
    expect(retried).toBeGreaterThan(0);
    expect(rows.filter((row) => row.status !== "done").map((row) => [row.delivery_id, row.status, row.last_error])).toEqual([]);
    expect(github.unhandled).toEqual([]);

    // A create GitHub carried out while the store could not record its id is looked up on the
    // retry (the "creating" marker was stored before the POST): exactly one check run per key.
    const perKey = github.checkRunsCreatedPerKey();
    expect([...perKey.entries()].filter(([, count]) => count > 1)).toEqual([]);
    for (const delivery of all) {
      const sha = (JSON.parse(delivery.body) as { pull_request: { head: { sha: string } } }).pull_request.head.sha;
      expect(perKey.get(`acme/billing@${sha} shipshape/ticket`) ?? 0).toBeGreaterThanOrEqual(1);
    }
  }, 240_000);
});
