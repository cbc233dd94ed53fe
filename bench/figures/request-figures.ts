import { BENCH_SECRET } from "../apps.js";
import { DeliveryFactory, type Delivery } from "../deliveries.js";
import { FakeGitHubServer, type SeenRequest } from "../../test/helpers/fake-github-server.js";
import type { Figure } from "../figure.js";
import { Prng } from "../prng.js";
import { startShipshapeProcess } from "../real-path.js";
import { sendDelivery } from "../send.js";

/**
 * GitHub requests per event, counted by the fake GitHub (not estimated), sent through Shipshape's
 * compiled server in its own process: a `synchronize` with the default config (no
 * `.github/shipshape.yml`, so 404 = defaults) and warm caches, and an unrelated label that
 * changes no outcome.
 */
export async function requestFigures(): Promise<Figure[]> {
  const prng = new Prng(7);
  const factory = new DeliveryFactory(BENCH_SECRET, prng);
  const github = await new FakeGitHubServer().start();
  const app = await startShipshapeProcess(github);
  const target = { installation: 31, owner: "acme", repo: "payments", repoId: 310_001, number: 42, headSha: prng.hex(40) };
  const deliver = async (delivery: Delivery): Promise<SeenRequest[]> => {
    github.clearRequests();
    const { status } = await sendDelivery(app.webhooks, delivery);
    if (status !== 202) throw new Error(`${delivery.event}.${delivery.action} was answered ${status}`);
    const { dead_letters } = await app.waitForEmptyInbox(30_000);
    if (dead_letters > 0) throw new Error(`${delivery.event}.${delivery.action} ended as a dead letter`);
    // A count over requests the fake could not answer would not be GitHub's: name them instead.
    if (github.unhandled.length > 0) throw new Error(`the fake GitHub has no route for ${[...new Set(github.unhandled.map((request) => request.route))].join(", ")}`);
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
        name: "GitHub requests per pull_request.synchronize (default config, warm caches), through the server",
        value: sync.length,
        unit: "requests",
        budget: "<= 4, of them <= 2 writes",
        ok: sync.length <= 4 && syncWrites <= 2,
        note: `${syncWrites} writes; ${describe(sync)}`,
      },
      {
        name: "GitHub writes for an event that changes no outcome (unrelated label), through the server",
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
