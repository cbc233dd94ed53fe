import { startShipshape, BENCH_SECRET } from "../apps.js";
import { DeliveryFactory, type Delivery } from "../deliveries.js";
import { FakeGitHubServer, type SeenRequest } from "../../test/helpers/fake-github-server.js";
import type { Figure } from "../figure.js";
import { Prng } from "../prng.js";
import { sendDelivery } from "../send.js";
import { waitForDelivery } from "../workload.js";

/**
 * GitHub requests per event, counted by the fake GitHub (not estimated): a `synchronize` with the
 * default config (no `.github/shipshape.yml`, so 404 = defaults) and warm caches, and an
 * unrelated label that changes no outcome.
 */
export async function requestFigures(): Promise<Figure[]> {
  const prng = new Prng(7);
  const factory = new DeliveryFactory(BENCH_SECRET, prng);
  const github = await new FakeGitHubServer().start();
  const app = await startShipshape(github);
  const db = app.server.deps.db;
  const target = { installation: 31, owner: "acme", repo: "payments", repoId: 310_001, number: 42, headSha: prng.hex(40) };
  const deliver = async (delivery: Delivery): Promise<SeenRequest[]> => {
    github.clearRequests();
    await sendDelivery(app.url, delivery);
    const { status } = await waitForDelivery(db, delivery.id);
    if (status !== "done") throw new Error(`${delivery.event}.${delivery.action} ended as ${status}`);
    return [...github.requests];
  };
  try {
    await deliver(await factory.pullRequest("opened", target));
    // A first push warms whatever is cached per PR; the second one is the figure.
    await deliver(await factory.pullRequest("synchronize", { ...target, headSha: (target.headSha = prng.hex(40)) }));
    const sync = await deliver(await factory.pullRequest("synchronize", { ...target, headSha: (target.headSha = prng.hex(40)) }));
    const label = await deliver(await factory.pullRequest("labeled", target));
    const syncWrites = github.writes(sync).length;
    const labelWrites = github.writes(label);
    return [
      {
        name: "GitHub requests per pull_request.synchronize (default config, warm caches)",
        value: sync.length,
        unit: "requests",
        budget: "<= 4, of them <= 2 writes",
        ok: sync.length <= 4 && syncWrites <= 2,
        note: `${syncWrites} writes; ${describe(sync)}`,
      },
      {
        name: "GitHub writes for an event that changes no outcome (unrelated label)",
        value: labelWrites.length,
        unit: "writes",
        budget: "0",
        ok: labelWrites.length === 0,
        note: `${label.length} requests in all${label.length ? `: ${describe(label)}` : ""}`,
      },
    ];
  } finally {
    await app.stop();
    await github.stop();
  }
}

function describe(requests: readonly SeenRequest[]): string {
  return requests.map((request) => `${request.route} ${request.status}`).join(", ") || "none";
}
