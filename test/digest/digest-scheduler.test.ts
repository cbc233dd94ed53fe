import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readDigestSettings } from "../../src/digest/digest-settings.js";
import { startDigests } from "../../src/digest/start-digests.js";
import { runDueDigests, startDigestScheduler, type DigestLog, type DigestSchedulerDeps } from "../../src/digest/digest-scheduler.js";
import { openStore, type Db } from "../../src/store/db.js";
import { listDigestRuns } from "../../src/store/digest-runs.js";
import { fixedSource, makeScopeFigures } from "../dashboard/dashboard-fixtures.js";
import { seedDashboard } from "../dashboard/seed-dashboard.js";
import { twinStores, type TwinStores } from "../helpers/twin-stores.js";
import { slackMessage, teamsMessage } from "./message-shapes.js";
import { startReceiver } from "./webhook-receiver.js";

const cleanups: (() => Promise<void> | void)[] = [];

/** Two handles on one store, as two processes have: SQLite through two connections to one file, PostgreSQL through two pools. */
const twoHandles: TwinStores[] = [
  {
    name: "sqlite",
    open: async () => {
      const dir = mkdtempSync(path.join(tmpdir(), "shipshape-digest-"));
      const a = await openStore({ dataDir: dir });
      const b = await openStore({ dataDir: dir });
      return { a, b, close: async () => { await a.close(); await b.close(); rmSync(dir, { recursive: true, force: true }); } };
    },
  },
  ...twinStores.filter((t) => t.name === "postgres"),
];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function recordingLog() {
  const lines: { level: string; fields: object; message: string }[] = [];
  const at = (level: string) => (fields: object, message: string) => void lines.push({ level, fields, message });
  const log: DigestLog = { info: at("info"), warn: at("warn"), error: at("error") };
  return { log, lines };
}

async function setup(params: { statuses?: number[]; webhooks?: (url: string) => string; db?: Db } = {}) {
  const receiver = await startReceiver(params.statuses);
  cleanups.push(receiver.close);
  const db = params.db ?? (await openStore({ dataDir: ":memory:" }));
  if (!params.db) cleanups.push(() => db.close());
  let now = new Date("2024-06-03T09:00:00Z");
  const env = { SHIPSHAPE_DIGEST_WEBHOOKS: (params.webhooks ?? ((u) => `acme/api=slack:${u}/slack;acme=teams:${u}/teams`))(receiver.url), SHIPSHAPE_DIGEST_SCHEDULE: "mon 09:00" };
  const { settings } = readDigestSettings(env);
  const { log, lines } = recordingLog();
  const deps = (processId: string, database: Db = db): DigestSchedulerDeps => ({
    db: database, now: () => now, source: fixedSource(makeScopeFigures()), settings, log, processId, retryDelaysMs: [1, 1, 1, 1],
  });
  return { receiver, db, deps, lines, setNow: (iso: string) => (now = new Date(iso)) };
}

describe("digest scheduler", () => {
  it("posts valid Slack and Teams bodies once the schedule is due, not before", async () => {
    const { receiver, deps, setNow } = await setup();
    setNow("2024-06-03T08:59:00Z");
    expect(await runDueDigests(deps("a"))).toEqual({ posted: [], failed: [] });
    expect(receiver.posts).toHaveLength(0);
    setNow("2024-06-03T09:00:00Z");
    const outcome = await runDueDigests(deps("a"));
    expect(outcome.posted).toHaveLength(2);
    const byPath = Object.fromEntries(receiver.posts.map((p) => [p.path, p]));
    expect(byPath["/slack"]?.contentType).toBe("application/json");
    expect(slackMessage.parse(byPath["/slack"]?.body).blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Shipshape weekly: acme/api, 2024-W22", emoji: false } });
    expect(teamsMessage.parse(byPath["/teams"]?.body).attachments[0]?.content.body[0]).toMatchObject({ text: "Shipshape weekly: acme, 2024-W22" });
  });

  it.each(twoHandles.map((t) => [t.name, t] as const))("posts exactly once per period with two schedulers on one %s store", async (_name, twin) => {
    const { a, b, close } = await twin.open();
    cleanups.push(close);
    const { receiver, deps, setNow } = await setup({ db: a });
    const schedulers = [startDigestScheduler({ ...deps("process-1", a), intervalMs: 5 }), startDigestScheduler({ ...deps("process-2", b), intervalMs: 5 })];
    cleanups.push(() => Promise.all(schedulers.map((s) => s.stop())).then(() => undefined));
    await waitFor(() => receiver.posts.length >= 2);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.posts.map((p) => p.path).sort()).toEqual(["/slack", "/teams"]);

    setNow("2024-06-06T12:00:00Z");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(receiver.posts).toHaveLength(2);

    setNow("2024-06-10T09:00:00Z");
    await waitFor(() => receiver.posts.length >= 4);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.posts).toHaveLength(4);
    const runs = await listDigestRuns(b);
    expect(runs.map((r) => [r.period, r.status]).sort()).toEqual([["2024-W22", "posted"], ["2024-W22", "posted"], ["2024-W23", "posted"], ["2024-W23", "posted"]]);
  });

  it("retries a failing webhook with backoff and records the attempts", async () => {
    const { receiver, db, deps, lines } = await setup({ statuses: [500, 429], webhooks: (u) => `acme/api=slack:${u}/slack` });
    expect((await runDueDigests(deps("a"))).posted).toHaveLength(1);
    expect(receiver.posts).toHaveLength(3);
    expect((await listDigestRuns(db))[0]).toMatchObject({ status: "posted", attempts: 3, lastError: null });
    expect(lines).toEqual([expect.objectContaining({ level: "info", message: "digest posted", fields: expect.objectContaining({ attempts: 3 }) })]);
  });

  it("logs a webhook that keeps failing, without throwing or posting again that period", async () => {
    const { receiver, db, deps, lines } = await setup({ statuses: [404], webhooks: (u) => `acme/api=slack:${u}/slack-secret-path` });
    expect(await runDueDigests(deps("a"))).toEqual({ posted: [], failed: [expect.stringMatching(/^acme\/api slack:/)] });
    expect(receiver.posts).toHaveLength(1);
    expect((await listDigestRuns(db))[0]).toMatchObject({ status: "failed", attempts: 1, lastError: "HTTP 404: no_service" });
    expect(lines[0]?.level).toBe("error");
    expect(await runDueDigests(deps("a"))).toEqual({ posted: [], failed: [] });
    expect(receiver.posts).toHaveLength(1);
  });

  it("survives an unreachable webhook: retried, logged with the host only", async () => {
    const { db, deps, lines } = await setup({ webhooks: () => "acme/api=slack:http://127.0.0.1:9/secret-path" });
    const outcome = await runDueDigests(deps("a"));
    expect(outcome.failed).toHaveLength(1);
    expect((await listDigestRuns(db))[0]).toMatchObject({ status: "failed", attempts: 5 });
    expect(JSON.stringify(lines)).not.toContain("secret-path");
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("startDigests", () => {
  it("does nothing without webhooks and logs a malformed entry instead of failing", async () => {
    const db = await openStore({ dataDir: ":memory:" });
    cleanups.push(() => db.close());
    const { log, lines } = recordingLog();
    const digests = startDigests({ db, now: () => new Date("2024-06-03T09:00:00Z"), digest: readDigestSettings({ SHIPSHAPE_DIGEST_WEBHOOKS: "acme" }), log });
    await digests.stop();
    expect(lines).toEqual([{ level: "warn", fields: {}, message: `SHIPSHAPE_DIGEST_WEBHOOKS: "acme" is not owner[/repo]=URL` }]);
    expect(await listDigestRuns(db)).toEqual([]);
  });

  it("posts from the store when a webhook is configured", async () => {
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const db = await openStore({ dataDir: ":memory:" });
    cleanups.push(() => db.close());
    await seedDashboard(db);
    const { log } = recordingLog();
    const digests = startDigests({ db, now: () => new Date("2024-06-03T09:00:00Z"), digest: readDigestSettings({ SHIPSHAPE_DIGEST_WEBHOOKS: `acme/api=slack:${receiver.url}/hook` }), log });
    cleanups.push(() => digests.stop());
    await waitFor(() => receiver.posts.length === 1);
    expect(slackMessage.parse(receiver.posts[0]?.body).text).toBe(
      "Shipshape weekly: acme/api, 2024-W22: Median cycle time 7h over 1 merged PR (▼ 65% vs 20h over the 4 weeks before).",
    );
  });
});
