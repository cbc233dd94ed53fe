import { gzipSync } from "node:zlib";
import { saveReport } from "../helpers/save-report.js";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BudgetBusyError, createMemoryBudget, type ByteLease } from "../../src/lib/byte-budget.js";
import { parseReport } from "../../src/coverage/parse-report.js";
import { readArtifactReports } from "../../src/coverage/read-artifact.js";
import { InboxWorker } from "../../src/inbox/worker.js";
import { getDelivery, insertDelivery } from "../../src/store/deliveries.js";
import { repoKey } from "../../src/store/coverage.js";
import { createUploadToken } from "../../src/store/upload-tokens.js";
import { startServer } from "../helpers/server.js";
import { useTestApp } from "../helpers/test-app.js";
import { makeZip } from "./make-zip.js";
import { BASE, BLOB_HOST, fixture, hasArtifacts, hasOpenPullRequest, hasWorkflowRuns, HEAD, workflowRunCompleted } from "./workflow-run-fixture.js";

const MB = 1024 * 1024;
const lcovZip = () => makeZip([{ name: "lcov.info", data: fixture("head/js.lcov.info") }]);

describe("inflated coverage bytes are held from the app's memory budget", () => {
  it("takes a zip's declared bytes before inflating, and gives them back after parsing", async () => {
    const { inflated } = createMemoryBudget({ inflateBytes: MB });
    const taken: number[] = [];
    const read = await readArtifactReports(lcovZip(), "coverage", undefined, async (bytes) => {
      taken.push(bytes);
      return inflated.take(bytes);
    });
    expect(read.errors).toEqual([]);
    expect(taken).toEqual([fixture("head/js.lcov.info").length]);
    expect(inflated.used).toBe(0);
  });

  it("puts a zip off while the budget is in use, and refuses one larger than the whole budget", async () => {
    const { inflated } = createMemoryBudget({ inflateBytes: MB });
    const held = inflated.tryTake(MB)!;
    await expect(readArtifactReports(lcovZip(), "coverage", undefined, (bytes) => inflated.take(bytes))).rejects.toBeInstanceOf(BudgetBusyError);
    held.release();
    const big = makeZip([{ name: "lcov.info", data: Buffer.alloc(2 * MB, "DA:1,1\n") }]);
    const read = await readArtifactReports(big, "coverage", undefined, (bytes) => inflated.take(bytes));
    expect(read).toEqual({ report: null, errors: [`coverage: refused: needs ${2 * MB} bytes in memory; the inflated coverage budget is ${MB}`] });
    expect(inflated.used).toBe(0);
  });
});

describe("a workflow_run delivery while the inflate budget is used up", () => {
  const { app, github } = useTestApp({ deps: () => ({ memory: createMemoryBudget({ inflateBytes: MB, inflateWaitMs: 50 }) }) });

  it("waits: it is retried, never dead-lettered for it, and posts the check once memory is free", async () => {
    const payload = workflowRunCompleted(101);
    const owner = payload.repository.owner.login;
    const repo = payload.repository.name;
    hasOpenPullRequest(github, payload);
    await saveReport(app.db, { repo: repoKey(owner, repo), sha: BASE, branch: "main", report: parseReport(fixture("base/js.lcov.info"), "lcov.info"), now: 1 });
    hasArtifacts(github, { owner, repo, runId: 101, artifacts: [{ id: 55, name: "coverage", files: [{ name: "lcov.info", data: fixture("head/js.lcov.info") }] }] });
    hasWorkflowRuns(github, { owner, repo, runs: [{ id: 101, status: "completed" }] });
    let clock = Date.parse("2024-06-03T10:00:00Z");
    const worker = new InboxWorker({
      db: app.db,
      telemetry: app.deps.telemetry,
      now: () => new Date(clock),
      log: { warn: () => undefined, error: () => undefined },
      maxAttempts: 1,
      retryBaseMs: 1000,
      handle: (delivery) => app.probot.receive(delivery as never),
    });
    await insertDelivery(app.db, { deliveryId: "wr-1", event: "workflow_run", action: "completed", installationId: 1, lockKey: "1:run:101", payload: JSON.stringify(payload), receivedAt: clock });
    const held: ByteLease = app.deps.memory.inflated.tryTake(MB)!;

    for (let attempt = 1; attempt <= 2; attempt++) {
      await worker.drain();
      const row = await getDelivery(app.db, "wr-1");
      // Still pending with maxAttempts 1: waiting for memory gives its attempt back.
      expect(row).toMatchObject({ status: "pending", attempts: 0 });
      expect(row?.last_error).toContain("the inflated coverage memory budget is in use");
      clock = row!.next_attempt_at;
      nock(BLOB_HOST).get("/55.zip").query({ sig: "short-lived" }).reply(200, lcovZip());
    }
    expect(github.requests.filter((r) => r.method === "POST")).toEqual([]);
    expect(github.requests.filter((r) => r.path.endsWith("/actions/artifacts/55/zip"))).toHaveLength(2);

    held.release();
    await worker.drain();
    expect(await getDelivery(app.db, "wr-1")).toMatchObject({ status: "done", attempts: 1, last_error: null });
    expect(github.unhandled).toEqual([]);
    expect(github.checkRun("shipshape/coverage", HEAD)).toMatchObject({ status: "completed" });
    expect(github.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual([`/repos/${owner}/${repo}/check-runs`]);
    expect(app.deps.memory.inflated.used).toBe(0);
  });
});

describe("a coverage upload while the inflate budget is used up", () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeEach(async () => {
    server = await startServer({ SHIPSHAPE_INFLATE_BUDGET_MB: "1" });
  });
  afterEach(() => server.stop());

  it("answers 503 with retry-after, and takes the same upload once memory is free", async () => {
    const token = await createUploadToken(server.deps.db, { repo: "acme/app", now: 1 });
    const upload = (body: Buffer) =>
      fetch(`${server.url}/api/v1/repos/acme/app/coverage?sha=${"a".repeat(40)}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body });
    const held = server.deps.memory.inflated.tryTake(MB)!;
    for (const body of [lcovZip(), gzipSync(fixture("head/js.lcov.info"))]) {
      const busy = await upload(body);
      expect(busy.status).toBe(503);
      expect(busy.headers.get("retry-after")).toBe("30");
      expect(((await busy.json()) as { error: string }).error).toContain("busy inflating other coverage; the inflated coverage memory budget is in use");
    }
    held.release();
    expect((await upload(lcovZip())).status).toBe(201);
    const tooBig = await upload(makeZip([{ name: "lcov.info", data: Buffer.alloc(2 * MB, "DA:1,1\n") }]));
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: string }).error).toBe(`refused: needs ${2 * MB} bytes in memory; the inflated coverage budget is ${MB}`);
    expect(server.deps.memory.inflated.used).toBe(0);
  });
});
