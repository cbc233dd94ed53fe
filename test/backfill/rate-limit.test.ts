import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBackfill } from "../../src/backfill/run-backfill.js";
import { storeRecorder } from "../../src/backfill/store-recorder.js";
import { backfillProgress, createBackfillJob } from "../../src/store/backfill-jobs.js";
import { openStore, type Db } from "../../src/store/db.js";
import { FakeHistory, makePullRequestNode, testOctokit } from "./fake-history.js";

const REPO_ID = 7;
const T0 = Date.parse("2024-06-03T10:00:00Z");
const seconds = (ms: number) => String(Math.floor(ms / 1000));

describe("runBackfill within its share of the rate limit", () => {
  let db: Db;
  let fake: FakeHistory;
  let now: number;
  const sleeps: Array<{ ms: number; progress: Awaited<ReturnType<typeof backfillProgress>> }> = [];
  /** When (fake time) each GraphQL request was sent. */
  const sentAt: number[] = [];

  beforeEach(async () => {
    db = await openStore({ dataDir: ":memory:" });
    fake = new FakeHistory().install();
    fake.mergedCount = 4;
    fake.pullRequests = [1, 2, 3, 4].map((n) => makePullRequestNode({ number: 10 - n, updatedAt: "2024-06-01T12:00:00Z" }));
    now = T0;
    sleeps.length = 0;
    sentAt.length = 0;
    await createBackfillJob(db, { repoId: REPO_ID, owner: "acme", repo: "shop", installationId: 1, days: 30, now });
  });
  afterEach(() => db.close());

  const run = (octokit = testOctokit()) =>
    runBackfill({
      db,
      octokit,
      repoId: REPO_ID,
      worker: "w",
      clock: {
        now: () => now,
        sleep: async (ms) => {
          sleeps.push({ ms, progress: await backfillProgress(db) });
          now += ms;
        },
      },
      log: { info: () => undefined, warn: () => undefined },
      recorder: storeRecorder({ db, octokit, owner: "acme", repo: "shop", productionEnvironments: ["production"] }),
      metrics: { productionEnvironments: ["production"], incidentLabels: [] },
      share: 0.5,
      pageSize: 2,
    });

  it("spends at most half of what remained, then waits for the reset before the next request", async () => {
    const reset = T0 + 60_000;
    // 1,000 left at the start: the backfill may spend 500 of them.
    fake.rateLimit.graphql = { limit: 5000, remaining: 1000, reset: Number(seconds(reset)) };
    fake.rateHeaders = () => {
      sentAt.push(now);
      // Webhooks spent the rest meanwhile: 400 left in this window; a fresh window after the reset.
      return now < reset
        ? { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "400", "x-ratelimit-reset": seconds(reset) }
        : { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4990", "x-ratelimit-reset": seconds(reset + 3_600_000) };
    };

    expect(await run()).toBe("done");

    expect(sleeps.map((s) => s.ms)).toEqual([61_000]);
    // While it waits, /readyz and the CLI can say until when.
    expect(sleeps[0]?.progress).toEqual([expect.objectContaining({ repo: "acme/shop", done: 2, total: 4, waitingUntil: new Date(reset + 1_000).toISOString() })]);
    // One page before the wait, the next one only after the reset; nothing in between.
    expect(sentAt).toEqual([T0, reset + 1_000, reset + 1_000]);
    expect(fake.queries("BackfillPullRequests")).toHaveLength(2);
  });

  it("does not wait while it stays within its share", async () => {
    fake.rateLimit.graphql = { limit: 5000, remaining: 5000, reset: Number(seconds(T0 + 60_000)) };
    fake.rateHeaders = () => ({ "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4900", "x-ratelimit-reset": seconds(T0 + 60_000) });
    expect(await run()).toBe("done");
    expect(sleeps).toEqual([]);
  });

  it("waits at once when the installation is already below the share at the start of a window", async () => {
    const reset = T0 + 30_000;
    fake.rateLimit.graphql = { limit: 5000, remaining: 0, reset: Number(seconds(reset)) };
    fake.rateHeaders = () => {
      sentAt.push(now);
      return { "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4999", "x-ratelimit-reset": seconds(reset + 3_600_000) };
    };
    expect(await run()).toBe("done");
    expect(sleeps.map((s) => s.ms)).toEqual([31_000]);
    expect(sentAt[0]).toBe(reset + 1_000);
  });
});
