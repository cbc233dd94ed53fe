import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBackfillRunner } from "../../src/backfill/backfill-runner.js";
import { claimBackfillJob, createBackfillJob, getBackfillJob, saveBackfillStep } from "../../src/store/backfill-jobs.js";
import { openStore, type Db } from "../../src/store/db.js";
import { FakeHistory, makePullRequestNode, testOctokit } from "./fake-history.js";
import { stores } from "../helpers/stores.js";

const NOW = Date.parse("2024-06-03T10:00:00Z");

describe("a restarted app continues unfinished backfills", () => {
  let db: Db;
  let fake: FakeHistory;

  beforeEach(async () => {
    db = await openStore({ dataDir: ":memory:" });
    fake = new FakeHistory().install();
    fake.mergedCount = 4;
    fake.pullRequests = [9, 8, 7, 6].map((number) => makePullRequestNode({ number }));
  });
  afterEach(() => db.close());

  it("takes over the job a crashed process held and reads on from its cursor", async () => {
    await createBackfillJob(db, { repoId: 1, owner: "acme", repo: "shop", installationId: 5, days: 30, now: NOW });
    // The previous process stored the first page (2 PRs) and died holding the job.
    expect(await claimBackfillJob(db, { repoId: 1, worker: "dead", now: NOW, leaseMs: 3_600_000 })).toBe(true);
    await saveBackfillStep(db, { repoId: 1, worker: "dead", now: NOW, leaseMs: 3_600_000, step: { phase: "pull_requests", cursor: "pr-2", done: 2, total: 4 } });

    const runner = createBackfillRunner({
      db,
      days: 30,
      auth: async () => testOctokit(),
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
      clock: { now: () => NOW, sleep: async () => undefined },
      pageSize: 2,
    });
    await runner.resume();
    await runner.idle();

    expect(await getBackfillJob(db, 1)).toMatchObject({ state: "done", done: 4, total: 4 });
    expect(fake.queries("BackfillPullRequests").map((q) => q.variables.after)).toEqual(["pr-2"]);
    // Only the second page was imported by this process.
    const numbers = await db.kysely.selectFrom("pull_requests").select("number").orderBy("number").execute();
    expect(numbers.map((row) => row.number)).toEqual([6, 7]);
  });
});

describe.each(stores)("a running replica takes over a dead process's backfill once its lease runs out, on $name", (store) => {
  let db: Db;
  let fake: FakeHistory;

  beforeEach(async () => {
    db = await store.open();
    fake = new FakeHistory().install();
    fake.mergedCount = 4;
    fake.pullRequests = [9, 8, 7, 6].map((number) => makePullRequestNode({ number }));
  });
  afterEach(() => db.close());

  it("leaves a live lease alone (no request) and finishes the job from its cursor after it lapses", async () => {
    let now = NOW;
    const lines: string[] = [];
    const runner = createBackfillRunner({
      db,
      days: 30,
      auth: async () => testOctokit(),
      log: { info: (line) => void lines.push(String(line)), warn: () => undefined, error: () => undefined },
      clock: { now: () => now, sleep: async () => undefined },
      pageSize: 2,
    });
    // This replica started before the job existed: its start-up resume saw nothing.
    await runner.resume();
    await createBackfillJob(db, { repoId: 1, owner: "acme", repo: "shop", installationId: 5, days: 30, now: NOW });
    expect(await claimBackfillJob(db, { repoId: 1, worker: "other", now: NOW, leaseMs: 5 * 60_000 })).toBe(true);
    await saveBackfillStep(db, { repoId: 1, worker: "other", now: NOW, leaseMs: 5 * 60_000, step: { phase: "pull_requests", cursor: "pr-2", done: 2, total: 4 } });

    now = NOW + 4 * 60_000;
    expect(await runner.takeOverLapsed()).toBe(0);
    await runner.idle();
    expect(fake.requests).toEqual([]);
    expect(await getBackfillJob(db, 1)).toMatchObject({ state: "running", done: 2 });

    // The other process died: nobody renews the lease.
    now = NOW + 6 * 60_000;
    expect(await runner.takeOverLapsed()).toBe(1);
    await runner.idle();
    expect(lines).toContain("backfill acme/shop: taking over the import its last process stopped renewing");
    expect(await getBackfillJob(db, 1)).toMatchObject({ state: "done", done: 4, total: 4 });
    expect(fake.queries("BackfillPullRequests").map((q) => q.variables.after)).toEqual(["pr-2"]);
    const numbers = await db.kysely.selectFrom("pull_requests").select("number").orderBy("number").execute();
    expect(numbers.map((row) => row.number)).toEqual([6, 7]);
    // Done jobs are not taken again.
    expect(await runner.takeOverLapsed()).toBe(0);
  });
});
