import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BENCH_SECRET, startShipshape, type RunningApp } from "../../bench/apps.js";
import { DeliveryFactory, type Delivery } from "../../bench/deliveries.js";
import { Prng } from "../../bench/prng.js";
import { scratchDatabase } from "../../bench/scratch-database.js";
import { sendDelivery } from "../../bench/send.js";
import { FakeGitHubServer } from "../helpers/fake-github-server.js";
import { getDelivery } from "../../src/store/deliveries.js";
import type { ShipshapeServer } from "../../src/server.js";
import { eventually, SCALE_DATABASE_URL, SKIP_REASON } from "./cluster.js";

const STUCK = 700;
const OTHER = 701;
const STUCK_DELIVERIES = 20;
const OTHER_DELIVERIES = 3;

// One process on PostgreSQL with many workers: one installation's check-run POSTs hang (GitHub
// never answers them), and its deliveries hold their locks while they wait. Before locks had a
// session of their own, each held lock pinned a pooled connection, the pool ran dry, and neither
// the webhook intake nor any other installation's writes got a connection again.
describe.skipIf(!SCALE_DATABASE_URL)(`one installation's GitHub writes hang ${SCALE_DATABASE_URL ? "" : `(${SKIP_REASON})`}`, () => {
  let github: FakeGitHubServer;
  let app: RunningApp & { server: ShipshapeServer };
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let release: () => void = () => undefined;

  beforeAll(async () => {
    github = await new FakeGitHubServer().start();
    scratch = await scratchDatabase(SCALE_DATABASE_URL as string, "shipshape_hang");
    app = await startShipshape(github, { DATABASE_URL: scratch.url, SHIPSHAPE_WORKERS: "40", SHIPSHAPE_WORKERS_PER_INSTALLATION: "20" });
  }, 60_000);
  afterAll(async () => {
    release();
    await app?.stop();
    await scratch?.drop();
    await github?.stop();
  }, 60_000);

  it("another installation's deliveries are still accepted, processed and get their check runs", async () => {
    const prng = new Prng(17);
    const factory = new DeliveryFactory(BENCH_SECRET, prng);
    release = github.hold((request) => request.installation === STUCK && request.method === "POST" && request.route.endsWith("/check-runs"));
    const stuck: Delivery[] = [];
    for (let number = 1; number <= STUCK_DELIVERIES; number++) {
      stuck.push(await factory.pullRequest("opened", { installation: STUCK, owner: "stuck-org", repo: "app", repoId: 70_000, number, headSha: prng.hex(40) }));
    }
    const other: Delivery[] = [];
    for (let number = 1; number <= OTHER_DELIVERIES; number++) {
      other.push(await factory.pullRequest("opened", { installation: OTHER, owner: "other-org", repo: "app", repoId: 70_001, number, headSha: prng.hex(40) }));
    }
    for (const delivery of stuck) expect((await sendDelivery(app.url, delivery)).status).toBe(202);
    // Every stuck delivery is in flight, holding its locks, and GitHub holds as many of the
    // installation's requests as plugin-throttling lets run at once (10), before the others arrive.
    const stuckPosts = () => github.requests.filter((request) => request.installation === STUCK && request.method === "POST").length;
    await eventually(async () => app.server.worker.inFlight >= STUCK_DELIVERIES && stuckPosts() >= 10, 60_000);

    const statuses = await Promise.all(other.map(async (delivery) => (await sendDelivery(app.url, delivery)).status));
    expect(statuses).toEqual(other.map(() => 202));
    const db = app.server.deps.db;
    await eventually(async () => (await Promise.all(other.map((delivery) => getDelivery(db, delivery.id)))).every((row) => row?.status === "done"), 60_000);

    // Two check runs per pull request (tickets, ADR), all created while the stuck ones still hang.
    const created = github.checkRuns.filter((run) => run.owner === "other-org");
    expect(created).toHaveLength(2 * OTHER_DELIVERIES);
    // The stuck installation's requests are still unanswered: nothing of it finished meanwhile.
    expect((await Promise.all(stuck.map((delivery) => getDelivery(db, delivery.id)))).filter((row) => row?.status === "done")).toEqual([]);
  }, 120_000);
});
