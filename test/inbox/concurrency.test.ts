import { beforeEach, describe, expect, it } from "vitest";
import { InboxWorker } from "../../src/inbox/worker.js";
import { lockKeyFor } from "../../src/inbox/lock-key.js";
import { insertDelivery } from "../../src/store/deliveries.js";
import { example } from "../helpers/examples.js";
import { useTwinTestApps } from "../helpers/test-app.js";
import { twinStores } from "../helpers/twin-stores.js";

const silent = { warn: () => undefined, error: () => undefined };

interface PrPayload {
  action: string;
  pull_request: { title: string; labels: Array<{ name: string }> };
}

describe.each(twinStores)("concurrent deliveries for one PR, two processes on $name", (twin) => {
  const { first, second, github } = useTwinTestApps(twin);
  const apps = [first, second];

  beforeEach(() => {
    // Slow writes widen the window in which two processes could both decide to create.
    github.route("POST", /\/check-runs$/, async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 30));
      const body = request.body as { name: string; head_sha: string; conclusion?: string; status: string; output: object };
      const id = github.checkRuns.length + 1;
      github.checkRuns.push({ id, name: body.name, head_sha: body.head_sha, status: body.status, conclusion: body.conclusion ?? null, output: body.output, annotations: [] });
      return [201, { id }];
    });
  });

  it("yields one check run per (SHA, name) and one ADR comment", async () => {
    const deliveries = ["opened", "labeled", "edited", "synchronize", "labeled", "reopened"].map((action, i) => {
      const payload = example<PrPayload>("pull_request", action === "edited" ? "opened" : action);
      payload.action = action;
      payload.pull_request.title = "ENG-42 Move sessions to Redis";
      payload.pull_request.labels = [{ name: "architecture" }];
      if (action === "edited") Object.assign(payload, { changes: { title: { from: "Move sessions" } } });
      // One PR: the labeled example's number, head and repository for every event.
      const base = example<Record<string, unknown>>("pull_request", "labeled");
      Object.assign(payload, { repository: base.repository, installation: base.installation });
      Object.assign(payload.pull_request, { number: 2, head: (base.pull_request as { head: unknown }).head, state: "open", draft: false });
      return { id: `c-${i}`, action, payload };
    });
    for (const [i, d] of deliveries.entries()) {
      await insertDelivery(first.db, {
        deliveryId: d.id,
        event: "pull_request",
        action: d.action,
        installationId: 1,
        lockKey: lockKeyFor("pull_request", d.payload),
        payload: JSON.stringify(d.payload),
        receivedAt: 1000 + i,
      });
    }
    const workers = apps.map(
      (app) =>
        new InboxWorker({ db: app.db, telemetry: app.deps.telemetry, now: () => new Date(), log: silent, concurrency: 4, handle: (delivery) => app.probot.receive(delivery as never) }),
    );
    await Promise.all(workers.map((worker) => worker.drain()));

    const created = github.requests.filter((r) => r.method === "POST" && r.path.endsWith("/check-runs")).map((r) => (r.body as { name: string }).name);
    expect(created.sort()).toEqual(["shipshape/adr", "shipshape/ticket"]);
    expect(github.comments).toHaveLength(1);
    expect(github.requests.filter((r) => r.method === "POST" && r.path.endsWith("/comments"))).toHaveLength(1);
    expect(github.comments[0]?.body).toContain("<!-- shipshape:adr -->");
    expect(github.unhandled).toEqual([]);
  });
});
