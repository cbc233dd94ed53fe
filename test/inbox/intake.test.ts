import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getDelivery, inboxCounts } from "../../src/store/deliveries.js";
import { example } from "../helpers/examples.js";
import { FakeGitHub } from "../helpers/fake-github.js";
import { GITHUB_API, deliver, eventually, sign, startServer } from "../helpers/server.js";

type Server = Awaited<ReturnType<typeof startServer>>;

describe("webhook intake", () => {
  let server: Server;
  let github: FakeGitHub;
  beforeEach(async () => {
    github = new FakeGitHub(GITHUB_API).install();
    server = await startServer();
    await server.worker.stop(); // intake only: nothing is processed unless a test starts the worker
  });
  afterEach(() => server.stop());

  const stored = async () => {
    const counts = await inboxCounts(server.deps.db);
    return counts.pending + counts.processing + counts.dead;
  };

  it("refuses a delivery without a signature and stores nothing", async () => {
    const response = await deliver(server.url, { event: "pull_request", id: "a1", payload: example("pull_request", "opened"), signature: null });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: "missing X-Hub-Signature-256 header" });
    expect(await stored()).toBe(0);
    expect(github.requests).toEqual([]);
  });

  it("refuses a wrong signature and stores nothing", async () => {
    const response = await deliver(server.url, { event: "pull_request", id: "a2", payload: example("pull_request", "opened"), signature: sign("other body") });
    expect(response.status).toBe(401);
    expect(await getDelivery(server.deps.db, "a2")).toBeUndefined();
  });

  it("refuses a body over 25 MB by its Content-Length, before reading it", async () => {
    const response = await fetch(`${server.url}/api/github/webhooks`, {
      method: "POST",
      headers: { "x-github-event": "push", "x-github-delivery": "big", "x-hub-signature-256": "sha256=00", "content-length": String(26 * 1024 * 1024) },
      body: "{}",
      duplex: "half",
    } as RequestInit).catch((error: Error) => error);
    // Either the 413 arrives, or the server cut the connection after answering it.
    if (response instanceof Response) expect(response.status).toBe(413);
    expect(await stored()).toBe(0);
  });

  it("refuses a streamed body once it passes 25 MB", async () => {
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    let sent = 0;
    const body = new ReadableStream({
      pull(controller) {
        if (sent++ >= 27) return controller.close();
        controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${server.url}/api/github/webhooks`, {
      method: "POST",
      headers: { "x-github-event": "push", "x-github-delivery": "stream", "x-hub-signature-256": "sha256=00" },
      body,
      duplex: "half",
    } as RequestInit).catch((error: Error) => error);
    if (response instanceof Response) expect(response.status).toBe(413);
    expect(await stored()).toBe(0);
  });

  it("answers malformed JSON with 400 and stores nothing", async () => {
    const body = "{not json";
    const response = await fetch(`${server.url}/api/github/webhooks`, {
      method: "POST",
      headers: { "x-github-event": "push", "x-github-delivery": "bad-json", "x-hub-signature-256": sign(body) },
      body,
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: "body is not valid JSON" });
    expect(await stored()).toBe(0);
  });

  it("stores a verified delivery before answering 202, and a redelivery only once", async () => {
    const payload = example("pull_request", "opened");
    const first = await deliver(server.url, { event: "pull_request", id: "dup-1", payload });
    expect(first.status).toBe(202);
    expect(await first.json()).toEqual({ ok: true, delivery: "dup-1", duplicate: false });
    const row = await getDelivery(server.deps.db, "dup-1");
    expect(row).toMatchObject({ event: "pull_request", action: "opened", status: "pending" });
    expect(JSON.parse(row?.payload ?? "null")).toEqual(payload);

    const again = await deliver(server.url, { event: "pull_request", id: "dup-1", payload });
    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ ok: true, delivery: "dup-1", duplicate: true });
    expect(await stored()).toBe(1);
  });

  it("processes a redelivered delivery once: one check run, however often GitHub sends it", async () => {
    const payload = example<{ repository: { owner: { login: string }; name: string } }>("pull_request", "opened");
    github.hasConfig(payload.repository.owner.login, payload.repository.name, "tickets:\n  colour: red\n");
    server.worker.start();
    for (let i = 0; i < 3; i++) expect((await deliver(server.url, { event: "pull_request", id: "same-id", payload })).status).toBe(202);
    await eventually(async () => (await getDelivery(server.deps.db, "same-id"))?.status === "done", "delivery processed");
    await server.worker.stop();
    expect(github.checkRuns.map((run) => run.name)).toEqual(["shipshape/config"]);
    expect(github.requests.filter((r) => r.method === "POST" && r.path.endsWith("/check-runs"))).toHaveLength(1);
  });

  it("serves /healthz, /readyz and Prometheus /metrics", async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", database: "sqlite", inbox: { pending: 0, processing: 0, dead_letters: 0 } });
    await deliver(server.url, { event: "ping", id: "m1", payload: { zen: "Keep it logically awesome." } });
    await deliver(server.url, { event: "ping", id: "m2", payload: { zen: "x" }, signature: "sha256=nope" });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toContain('shipshape_deliveries_total{event="ping",outcome="accepted"} 1');
    // A refused delivery's event header is unverified: it is counted, but never as a label.
    expect(metrics).toContain('shipshape_deliveries_total{event="unknown",outcome="rejected"} 1');
    expect(metrics).not.toContain('event="ping",outcome="rejected"');
    expect(metrics).toContain('shipshape_inbox_deliveries{status="pending"} 1');
    expect(metrics).toContain("# TYPE shipshape_delivery_handling_seconds histogram");
  });
});
