import { describe, expect, it } from "vitest";
import { BENCH_SECRET } from "../../bench/apps.js";
import { DeliveryFactory, type Delivery } from "../../bench/deliveries.js";
import { Prng } from "../../bench/prng.js";
import { deliverAll, eventually, SCALE_DATABASE_URL, SKIP_REASON, waitForProcessed, type AppProcess, useCluster } from "./cluster.js";

const GITHUB_LATENCY_MS = 150;

describe.skipIf(!SCALE_DATABASE_URL)(`kill -9 of a process mid-batch ${SCALE_DATABASE_URL ? "" : `(${SKIP_REASON})`}`, () => {
  const cluster = useCluster(3);

  it("the others and its restart finish every delivery, with exactly one check run per (SHA, name)", async () => {
    const { github, processes, db } = cluster;
    const prng = new Prng(9);
    const factory = new DeliveryFactory(BENCH_SECRET, prng);
    const deliveries: Delivery[] = [];
    for (let number = 1; number <= 30; number++) {
      const target = { installation: 91, owner: "acme", repo: "orders", repoId: 910_001, number, headSha: prng.hex(40) };
      deliveries.push(await factory.pullRequest("opened", target), await factory.pullRequest("synchronize", { ...target, headSha: prng.hex(40) }));
    }
    // Slow answers keep every worker busy, so the killed process dies holding claimed deliveries.
    github.latencyMs = GITHUB_LATENCY_MS;
    const victim = processes[1] as AppProcess;
    const sending = deliverAll(processes, deliveries, { concurrency: 12, deadlineMs: 120_000 });
    await eventually(async () => github.requests.length >= 25, 60_000, 20);
    await victim.kill("SIGKILL");
    await sending;
    await victim.start();
    github.latencyMs = 0;

    // The victim's claims come back when their lease runs out (60 s), then another worker takes them.
    const rows = await waitForProcessed(db, deliveries.map((delivery) => delivery.id), 150_000);
    expect(rows.filter((row) => row.status !== "done").map((row) => [row.delivery_id, row.status, row.last_error])).toEqual([]);
    expect(rows.some((row) => row.attempts >= 2)).toBe(true);
    expect(github.unhandled).toEqual([]);

    // A create whose answer died with the process is looked up by name on the retry: exactly one
    // check run per (SHA, name), even for creations in flight at the kill.
    const perKey = github.checkRunsCreatedPerKey();
    expect([...perKey.entries()].filter(([, count]) => count > 1)).toEqual([]);
    const heads = deliveries.map((delivery) => (JSON.parse(delivery.body) as { pull_request: { head: { sha: string } } }).pull_request.head.sha);
    expect(heads.filter((sha) => (perKey.get(`acme/orders@${sha} shipshape/ticket`) ?? 0) < 1)).toEqual([]);
  }, 240_000);
});
