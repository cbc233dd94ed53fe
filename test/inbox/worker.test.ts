import { beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/main.js";
import { InboxWorker } from "../../src/inbox/worker.js";
import { getDelivery, insertDelivery } from "../../src/store/deliveries.js";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";
import { parseEnv } from "../../src/env.js";

const silent = { warn: () => undefined, error: () => undefined };

describe("inbox worker", () => {
  const { app, github } = useTestApp();
  let clock: number;
  let worker: InboxWorker;
  const payload = example<{ repository: { owner: { login: string }; name: string } }>("pull_request", "opened");

  beforeEach(async () => {
    github.hasConfig(payload.repository.owner.login, payload.repository.name, "adr:\n  mode: maybe\n");
    clock = Date.parse("2024-06-03T10:00:00Z");
    worker = new InboxWorker({
      db: app.db,
      telemetry: app.deps.telemetry,
      now: () => new Date(clock),
      log: silent,
      maxAttempts: 3,
      retryBaseMs: 1000,
      retryMaxMs: 60_000,
      handle: (delivery) => app.probot.receive(delivery as never),
    });
    await insertDelivery(app.db, {
      deliveryId: "d-1",
      event: "pull_request",
      action: "opened",
      installationId: 1,
      lockKey: "1:pr:1",
      payload: JSON.stringify(payload),
      receivedAt: clock,
    });
  });

  function failCheckRunsWith(status: number, times: number) {
    let failures = 0;
    github.route("POST", /\/check-runs$/, () => {
      failures++;
      return failures <= times ? [status, { message: "Server Error" }] : [201, { id: 77 }];
    });
  }

  it("retries a failing GitHub call with backoff, then succeeds", async () => {
    failCheckRunsWith(502, 1);
    await worker.drain();
    const failed = await getDelivery(app.db, "d-1");
    expect(failed).toMatchObject({ status: "pending", attempts: 1 });
    expect(failed?.last_error).toContain("HTTP 502");
    expect(failed!.next_attempt_at).toBeGreaterThan(clock);

    await worker.drain(); // not due yet: nothing happens
    expect(github.requests.filter((r) => r.method === "POST")).toHaveLength(1);

    clock = failed!.next_attempt_at;
    await worker.drain();
    expect(await getDelivery(app.db, "d-1")).toMatchObject({ status: "done", attempts: 2 });
    expect(github.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual([
      "/repos/Codertocat/Hello-World/check-runs",
      "/repos/Codertocat/Hello-World/check-runs",
    ]);
  });

  it("keeps the delivery as a dead letter after the last attempt; `deliveries retry` replays it", async () => {
    failCheckRunsWith(500, 3);
    for (let attempt = 0; attempt < 3; attempt++) {
      await worker.drain();
      clock += 120_000;
    }
    expect(await getDelivery(app.db, "d-1")).toMatchObject({ status: "dead", attempts: 3 });

    const out: string[] = [];
    const context = { out: (l: string) => out.push(l), err: (l: string) => out.push(l), env: parseEnv({}), interactive: false, db: async () => app.db };
    expect(await runCli(["deliveries", "failed"], context)).toBe(0);
    expect(out[0]).toBe("1 failed delivery (replay with `shipshape deliveries retry --all`):");
    // Which repository and PR, when (as people read it), and which GitHub request failed.
    expect(out[1]).toBe("  d-1  pull_request.opened  Codertocat/Hello-World#2  received 3 Jun 2024 10:00 UTC  3 attempts  last error: Server Error (HTTP 500 from POST /repos/Codertocat/Hello-World/check-runs)");

    expect(await runCli(["deliveries", "retry", "d-1"], context)).toBe(0);
    expect(out.at(-1)).toBe("Queued 1 delivery again.");
    await worker.drain();
    expect(await getDelivery(app.db, "d-1")).toMatchObject({ status: "done" });
    expect(github.checkRuns).toHaveLength(0); // the fake route above answered without storing
    expect(github.requests.filter((r) => r.method === "POST")).toHaveLength(4);
  });

  it("hands unfinished work back on stop, and another worker finishes it", async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const slow = new InboxWorker({
      db: app.db,
      telemetry: app.deps.telemetry,
      now: () => new Date(clock),
      log: silent,
      handle: async () => blocked,
    });
    slow.start();
    const until = Date.now() + 5000;
    while ((await getDelivery(app.db, "d-1"))?.status !== "processing" && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    await slow.stop(50);
    expect(await getDelivery(app.db, "d-1")).toMatchObject({ status: "pending", locked_by: null });
    release();
    await worker.drain();
    expect(await getDelivery(app.db, "d-1")).toMatchObject({ status: "done" });
  });
});
