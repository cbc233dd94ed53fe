import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDelivery } from "../../src/store/deliveries.js";
import { example } from "../helpers/examples.js";
import { FakeGitHub } from "../helpers/fake-github.js";
import { GITHUB_API, deliver, eventually, startServer } from "../helpers/server.js";

type Server = Awaited<ReturnType<typeof startServer>>;
type Payload = Record<string, unknown> & { repository: { owner: { login: string }; name: string }; pull_request: { head: Record<string, unknown> } };

/** A signed delivery whose payload lacks a field Shipshape reads, sent through the HTTP intake to the inbox worker. */
describe("a malformed but signed payload", () => {
  let server: Server;
  let github: FakeGitHub;
  beforeEach(async () => {
    github = new FakeGitHub(GITHUB_API).install();
    server = await startServer();
  });
  afterEach(() => server.stop());

  it.each([
    ["pull_request is missing", (p: Payload) => delete (p as Partial<Payload>).pull_request, "payload field pull_request is missing"],
    ["repository.owner is missing", (p: Payload) => delete (p.repository as Partial<Payload["repository"]>).owner, "payload field repository.owner is missing"],
    ["pull_request.head.sha is missing", (p: Payload) => delete p.pull_request.head.sha, "payload field pull_request.head.sha is missing"],
    ["pull_request.head.sha is a number", (p: Payload) => (p.pull_request.head.sha = 42), "payload field pull_request.head.sha is not a string (got 42)"],
  ] as Array<[string, (p: Payload) => unknown, string]>)("%s: dead after one attempt with the field named, and the next delivery is processed", async (_name, breakIt, reason) => {
    const good = example<Payload>("pull_request", "opened");
    github.hasConfig(good.repository.owner.login, good.repository.name, "tickets:\n  colour: red\n");
    const bad = structuredClone(good);
    breakIt(bad);

    expect((await deliver(server.url, { event: "pull_request", id: "bad-1", payload: bad })).status).toBe(202);
    expect((await deliver(server.url, { event: "pull_request", id: "good-1", payload: good })).status).toBe(202);
    await eventually(async () => (await getDelivery(server.deps.db, "bad-1"))?.status === "dead", "malformed delivery dead-lettered", 5_000);
    await eventually(async () => (await getDelivery(server.deps.db, "good-1"))?.status === "done", "good delivery processed");
    await server.worker.stop();

    const dead = await getDelivery(server.deps.db, "bad-1");
    expect(dead).toMatchObject({ status: "dead", attempts: 1, last_error: reason });
    // Only the good delivery reached GitHub: its config read and its one check run.
    expect(github.checkRuns.map((run) => run.name)).toEqual(["shipshape/config"]);
    expect(github.requests.filter((r) => r.method === "POST" && r.path.endsWith("/check-runs"))).toHaveLength(1);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('shipshape_deliveries_total{event="pull_request",outcome="dead"} 1');
    expect(metrics).not.toContain('outcome="retried"');
  });
});
