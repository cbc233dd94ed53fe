import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  backfillProgress,
  claimBackfillJob,
  createBackfillJob,
  finishBackfillJob,
  getBackfillJob,
  listUnfinishedBackfillJobs,
  markBackfillWaiting,
  releaseBackfillJob,
  saveBackfillStep,
} from "../../src/store/backfill-jobs.js";
import type { Db } from "../../src/store/db.js";
import { stores } from "../helpers/stores.js";

const NOW = Date.parse("2024-06-03T10:00:00Z");
const LEASE = 60_000;
const repo = { repoId: 11, owner: "acme", repo: "shop", installationId: 3, days: 30 };

describe.each(stores)("backfill jobs on $name", (store) => {
  let db: Db;
  beforeEach(async () => {
    db = await store.open();
  });
  afterEach(() => db.close());

  it("creates a job over the window, and keeps it when the event is delivered again", async () => {
    const first = await createBackfillJob(db, { ...repo, now: NOW });
    expect(first.created).toBe(true);
    expect(first.job).toMatchObject({ state: "pending", phase: "pull_requests", cursor: null, since: NOW - 30 * 86_400_000, done: 0, total: null });
    const again = await createBackfillJob(db, { ...repo, now: NOW + 1000 });
    expect(again.created).toBe(false);
    expect(await listUnfinishedBackfillJobs(db)).toHaveLength(1);
  });

  it("one worker at a time; a dead worker's lease runs out", async () => {
    await createBackfillJob(db, { ...repo, now: NOW });
    expect(await claimBackfillJob(db, { repoId: 11, worker: "a", now: NOW, leaseMs: LEASE })).toBe(true);
    expect(await claimBackfillJob(db, { repoId: 11, worker: "b", now: NOW + 1, leaseMs: LEASE })).toBe(false);
    expect(await saveBackfillStep(db, { repoId: 11, worker: "b", now: NOW + 2, leaseMs: LEASE, step: { phase: "pull_requests", cursor: "x", done: 9 } })).toBe(false);
    expect(await claimBackfillJob(db, { repoId: 11, worker: "b", now: NOW + LEASE + 1, leaseMs: LEASE })).toBe(true);
    expect(await saveBackfillStep(db, { repoId: 11, worker: "a", now: NOW + LEASE + 2, leaseMs: LEASE, step: { phase: "pull_requests", cursor: "x", done: 9 } })).toBe(false);
    expect((await getBackfillJob(db, 11))?.attempts).toBe(2);
  });

  it("adds each step's counts to the job with its cursor; progress shows running jobs only", async () => {
    await createBackfillJob(db, { ...repo, now: NOW });
    await claimBackfillJob(db, { repoId: 11, worker: "a", now: NOW, leaseMs: LEASE });
    await saveBackfillStep(db, { repoId: 11, worker: "a", now: NOW, leaseMs: LEASE, step: { phase: "pull_requests", cursor: "c1", done: 25, total: 60, requests: 1 } });
    await saveBackfillStep(db, { repoId: 11, worker: "a", now: NOW, leaseMs: LEASE, step: { phase: "deployments", cursor: null, done: 35, requests: 2 } });
    await markBackfillWaiting(db, { repoId: 11, worker: "a", now: NOW, until: NOW + 5_000, leaseMs: LEASE });
    expect(await getBackfillJob(db, 11)).toMatchObject({ phase: "deployments", cursor: null, done: 60, total: 60, requests: 3, waitingUntil: NOW + 5_000 });
    expect(await backfillProgress(db)).toEqual([
      { repo: "acme/shop", state: "running", phase: "deployments", done: 60, total: 60, deployments: 0, incidents: 0, startedAt: "2024-06-03T10:00:00.000Z", waitingUntil: "2024-06-03T10:00:05.000Z" },
    ]);
    await finishBackfillJob(db, { repoId: 11, worker: "a", now: NOW + 9 });
    expect(await getBackfillJob(db, 11)).toMatchObject({ state: "done", phase: "done", finishedAt: NOW + 9 });
    expect(await backfillProgress(db)).toEqual([]);
    // Finished: a new event starts over with a new window.
    const restarted = await createBackfillJob(db, { ...repo, now: NOW + 86_400_000 });
    expect(restarted).toMatchObject({ created: true, job: { state: "pending", done: 0, since: NOW + 86_400_000 - 30 * 86_400_000 } });
  });

  it("a failed job over the same days continues from its cursor; another window starts over", async () => {
    await createBackfillJob(db, { ...repo, now: NOW });
    await claimBackfillJob(db, { repoId: 11, worker: "a", now: NOW, leaseMs: LEASE });
    await saveBackfillStep(db, { repoId: 11, worker: "a", now: NOW, leaseMs: LEASE, step: { phase: "pull_requests", cursor: "c1", done: 25 } });
    await finishBackfillJob(db, { repoId: 11, worker: "a", now: NOW, error: "Bad credentials" });
    expect(await getBackfillJob(db, 11)).toMatchObject({ state: "failed", lastError: "Bad credentials", cursor: "c1" });

    const resumed = await createBackfillJob(db, { ...repo, now: NOW + 1 });
    expect(resumed).toMatchObject({ created: false, job: { state: "pending", cursor: "c1", done: 25 } });
    await claimBackfillJob(db, { repoId: 11, worker: "b", now: NOW + 2, leaseMs: LEASE });
    await releaseBackfillJob(db, { repoId: 11, worker: "b", now: NOW + 3 });
    // Handed back: the releasing worker can no longer end it, anyone can take it at once.
    await finishBackfillJob(db, { repoId: 11, worker: "b", now: NOW + 4, error: "x" });
    expect(await getBackfillJob(db, 11)).toMatchObject({ state: "running", cursor: "c1", lastError: null });
    expect(await claimBackfillJob(db, { repoId: 11, worker: "c", now: NOW + 5, leaseMs: LEASE })).toBe(true);

    const longer = await createBackfillJob(db, { ...repo, days: 90, now: NOW + 6, restart: true });
    expect(longer).toMatchObject({ created: true, job: { cursor: null, done: 0, days: 90 } });
  });
});
