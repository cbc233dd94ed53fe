import { describe, expect, it } from "vitest";
import { BENCH_SECRET } from "../../bench/apps.js";
import { DeliveryFactory, type Delivery } from "../../bench/deliveries.js";
import { type SeenRequest } from "../helpers/fake-github-server.js";
import { Prng } from "../../bench/prng.js";
import { deliverAll, SCALE_DATABASE_URL, SKIP_REASON, waitForProcessed, useCluster } from "./cluster.js";

const RETRY_AFTER_S = 1;

/** The same request sent again: same method, path and body. */
function sameRequest(a: SeenRequest, b: SeenRequest): boolean {
  return a.method === b.method && a.path === b.path && JSON.stringify(a.body) === JSON.stringify(b.body);
}

describe.skipIf(!SCALE_DATABASE_URL)(`GitHub answering 502 and secondary rate limits ${SCALE_DATABASE_URL ? "" : `(${SKIP_REASON})`}`, () => {
  const cluster = useCluster(3);

  it("retries, waits retry-after before sending again, and loses nothing", async () => {
    const { github, processes, db } = cluster;
    const prng = new Prng(502);
    const factory = new DeliveryFactory(BENCH_SECRET, prng);
    const deliveries: Delivery[] = [];
    for (let number = 1; number <= 20; number++) {
      deliveries.push(await factory.pullRequest("opened", { installation: 60 + (number % 4), owner: "acme", repo: `svc-${number % 4}`, repoId: 600 + (number % 4), number, headSha: prng.hex(40) }));
    }
    github.inject({ kind: "502", times: 6 });
    github.inject({ kind: "secondary-limit", times: 4, retryAfter: RETRY_AFTER_S, methods: ["POST", "PATCH"] });

    await deliverAll(processes, deliveries, { concurrency: 10 });
    const rows = await waitForProcessed(db, deliveries.map((delivery) => delivery.id), 120_000);

    expect(rows.filter((row) => row.status !== "done").map((row) => [row.delivery_id, row.status, row.last_error])).toEqual([]);
    expect(github.unhandled).toEqual([]);
    const faults = github.requests.filter((request) => request.status === 502 || request.status === 403);
    expect(faults.filter((request) => request.status === 502)).toHaveLength(6);
    expect(faults.filter((request) => request.status === 403)).toHaveLength(4);

    // Paced: a request refused with a secondary limit is sent again no sooner than retry-after.
    for (const refused of github.requests.filter((request) => request.status === 403)) {
      const again = github.requests.find((request) => request.at > refused.at && sameRequest(request, refused));
      expect(again, `${refused.route} was never sent again`).toBeDefined();
      expect((again as SeenRequest).at - refused.at).toBeGreaterThanOrEqual(RETRY_AFTER_S * 1000 - 50);
    }
    // Nothing lost: every PR head got its ticket check run, once.
    const perKey = github.checkRunsCreatedPerKey();
    for (const delivery of deliveries) {
      const { pull_request, repository } = JSON.parse(delivery.body) as { pull_request: { head: { sha: string } }; repository: { full_name: string } };
      expect(perKey.get(`${repository.full_name}@${pull_request.head.sha} shipshape/ticket`)).toBe(1);
    }
  }, 180_000);
});
