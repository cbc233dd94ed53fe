import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runBackfill, type RunBackfillParams } from "../../src/backfill/run-backfill.js";
import { storeRecorder } from "../../src/backfill/store-recorder.js";
import { phaseDurations } from "../../src/metrics/definitions.js";
import { backfillProgress, claimBackfillJob, createBackfillJob, getBackfillJob } from "../../src/store/backfill-jobs.js";
import type { Db } from "../../src/store/db.js";
import { getPullRequest } from "../../src/store/pull-requests.js";
import { stores } from "../helpers/stores.js";
import { FakeHistory, makePullRequestNode, testOctokit } from "./fake-history.js";

const REPO_ID = 4242;
const NOW = Date.parse("2024-06-03T10:00:00Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** Two pages of three: PRs 10..6 merged in the 30-day window, PR 5 last updated before it. */
function history(fake: FakeHistory): void {
  fake.mergedCount = 5;
  fake.pullRequests = [
    makePullRequestNode({
      number: 10,
      updatedAt: "2024-06-02T12:00:00Z",
      createdAt: "2024-06-01T09:00:00Z",
      mergedAt: "2024-06-02T12:00:00Z",
      closedAt: "2024-06-02T12:00:00Z",
      // Opened as a draft, ready the next hour.
      timelineItems: { nodes: [{ __typename: "ReadyForReviewEvent", createdAt: "2024-06-01T10:00:00Z" }] },
      commits: { totalCount: 2, nodes: [{ commit: { authoredDate: "2024-05-31T09:00:00Z" } }, { commit: { authoredDate: "2024-05-30T09:00:00Z" } }] },
      reviews: {
        nodes: [
          { state: "COMMENTED", submittedAt: "2024-06-01T10:30:00Z", author: { login: "octocat", __typename: "User" } },
          { state: "COMMENTED", submittedAt: "2024-06-01T10:45:00Z", author: { login: "coderabbit", __typename: "Bot" } },
          { state: "COMMENTED", submittedAt: "2024-06-01T11:00:00Z", author: { login: "hubot", __typename: "User" } },
          { state: "APPROVED", submittedAt: "2024-06-02T09:00:00Z", author: { login: "hubot", __typename: "User" } },
        ],
      },
    }),
    makePullRequestNode({ number: 9, updatedAt: "2024-06-01T12:00:00Z" }),
    makePullRequestNode({ number: 8, updatedAt: "2024-05-30T12:00:00Z", mergedAt: "2024-05-30T12:00:00Z", closedAt: "2024-05-30T12:00:00Z" }),
    // More commits than one page holds: the rest comes from the REST list.
    makePullRequestNode({
      number: 7,
      updatedAt: "2024-05-20T12:00:00Z",
      mergedAt: "2024-05-20T12:00:00Z",
      closedAt: "2024-05-20T12:00:00Z",
      commits: { totalCount: 120, nodes: [{ commit: { authoredDate: "2024-05-10T00:00:00Z" } }] },
    }),
    makePullRequestNode({ number: 6, updatedAt: "2024-05-10T12:00:00Z", mergedAt: "2024-05-10T12:00:00Z", closedAt: "2024-05-10T12:00:00Z", author: { login: "dependabot", __typename: "Bot" } }),
    makePullRequestNode({ number: 5, updatedAt: "2024-04-01T12:00:00Z", mergedAt: "2024-04-01T12:00:00Z", closedAt: "2024-04-01T12:00:00Z" }),
  ];
  fake.hasCommits(7, [
    { message: "later", date: "2024-05-12T00:00:00Z" },
    { message: "earliest, beyond the first 100", date: "2024-05-01T00:00:00Z" },
  ]);
  fake.deployments = [
    { databaseId: 302, environment: "production", commitOid: "merge10".padEnd(40, "0"), createdAt: "2024-06-02T13:00:00Z", ref: { name: "main" }, statuses: { nodes: [{ state: "SUCCESS", createdAt: "2024-06-02T13:05:00Z" }] } },
    { databaseId: 301, environment: "production", commitOid: "merge8".padEnd(40, "0"), createdAt: "2024-05-31T13:00:00Z", ref: { name: "main" }, statuses: { nodes: [{ state: "FAILURE", createdAt: "2024-05-31T13:05:00Z" }] } },
    { databaseId: 299, environment: "production", commitOid: "merge7".padEnd(40, "0"), createdAt: "2024-05-25T13:00:00Z", ref: { name: "main" }, statuses: { nodes: [{ state: "SUCCESS", createdAt: "2024-05-25T13:05:00Z" }] } },
    { databaseId: 300, environment: "staging", commitOid: "merge8".padEnd(40, "0"), createdAt: "2024-05-31T12:00:00Z", ref: null, statuses: { nodes: [] } },
  ];
  // Deployment 302 shipped PRs 8, 9 and 10 on top of 299 (301 failed in between).
  fake.route("GET", /^\/repos\/acme\/shop\/compare\/(\w+)\.\.\.(\w+)$/, (_request, m) =>
    m[1] === "merge7".padEnd(40, "0") && m[2] === "merge10".padEnd(40, "0")
      ? [200, { total_commits: 4, commits: ["merge8", "fixup", "merge9", "merge10"].map((sha) => ({ sha: sha.padEnd(40, "0") })) }]
      : [404, { message: "Not Found" }],
  );
  fake.issues = [
    { number: 77, title: "Checkout down", createdAt: "2024-05-31T14:00:00Z", closedAt: "2024-05-31T16:00:00Z", updatedAt: "2024-05-31T16:00:00Z", labels: { nodes: [{ name: "incident" }] } },
  ];
}

describe.each(stores)("runBackfill on $name", (store) => {
  let db: Db;
  let fake: FakeHistory;
  let now: number;
  const clock = { now: () => now, sleep: async (ms: number) => void (now += ms) };
  const logs: string[] = [];
  const log = { info: (m: string) => void logs.push(m), warn: (m: string) => void logs.push(m) };

  beforeEach(async () => {
    db = await store.open();
    fake = new FakeHistory().install();
    history(fake);
    now = NOW;
    logs.length = 0;
    await createBackfillJob(db, { repoId: REPO_ID, owner: "acme", repo: "shop", installationId: 1, days: 30, now });
  });
  afterEach(() => db.close());

  const run = (overrides: Partial<RunBackfillParams> = {}, octokit = testOctokit()) =>
    runBackfill({
      db,
      octokit,
      repoId: REPO_ID,
      worker: "worker-a",
      clock,
      log,
      recorder: storeRecorder({ db, octokit, owner: "acme", repo: "shop", productionEnvironments: ["production"] }),
      metrics: { productionEnvironments: ["production"], incidentLabels: ["incident"] },
      share: 0.5,
      pageSize: 3,
      ...overrides,
    });

  it("marks the job failed with the reason when linking deployments at the end fails, and a later run finishes it", async () => {
    const octokit = testOctokit();
    const recorder = storeRecorder({ db, octokit, owner: "acme", repo: "shop", productionEnvironments: ["production"] });
    const broken = { ...recorder, finish: () => Promise.reject(new Error("Not Found")) };
    expect(await run({ recorder: broken }, octokit)).toBe("failed");
    const failed = await getBackfillJob(db, REPO_ID);
    expect(failed).toMatchObject({ state: "failed", lastError: "linking deployments: Not Found" });
    expect(logs.at(-1)).toContain("run `shipshape backfill acme/shop` to continue");

    // `shipshape backfill acme/shop` again: the failed job over the same window continues.
    await createBackfillJob(db, { repoId: REPO_ID, owner: "acme", repo: "shop", installationId: 1, days: 30, now });
    expect(await run({ worker: "worker-b" })).toBe("done");
    expect(await getBackfillJob(db, REPO_ID)).toMatchObject({ state: "done", phase: "done", lastError: null });
  });

  it("stops after the first page, then a restarted process continues from the stored cursor without duplicates", async () => {
    const stop = new AbortController();
    expect(await run({ onProgress: () => stop.abort(), signal: stop.signal })).toBe("stopped");

    const interrupted = await getBackfillJob(db, REPO_ID);
    expect(interrupted).toMatchObject({ state: "running", phase: "pull_requests", cursor: "pr-3", done: 3, total: 5 });
    expect(await backfillProgress(db)).toEqual([
      expect.objectContaining({ repo: "acme/shop", phase: "pull_requests", done: 3, total: 5 }),
    ]);

    expect(await run({ worker: "worker-b" })).toBe("done");

    // Page one was read once; the second run started at its cursor and asked for no total again.
    expect(fake.queries("BackfillPullRequests").map((q) => [q.variables.after, q.variables.withTotal])).toEqual([
      [null, true],
      ["pr-3", false],
    ]);
    expect(fake.queries("BackfillDeployments").map((q) => q.variables.environments)).toEqual([["production"]]);
    expect(fake.unhandled).toEqual([]);

    const job = await getBackfillJob(db, REPO_ID);
    expect(job).toMatchObject({ state: "done", phase: "done", done: 5, total: 5, deployments: 3, incidents: 1 });
    const stored = await db.kysely.selectFrom("pull_requests").select("number").orderBy("number").execute();
    expect(stored.map((row) => row.number)).toEqual([6, 7, 8, 9, 10]);
    expect(await backfillProgress(db)).toEqual([]);
  });

  it("stores the facts and figures of ADR 0040 from what GraphQL returned", async () => {
    expect(await run()).toBe("done");

    const pr10 = await getPullRequest(db, { repoId: REPO_ID, number: 10 });
    expect(pr10).toMatchObject({
      author: "octocat",
      firstCommitAt: Date.parse("2024-05-30T09:00:00Z"),
      openedAt: Date.parse("2024-06-01T09:00:00Z"),
      readyAt: Date.parse("2024-06-01T10:00:00Z"),
      // The author's own comment and the bot's do not count; hubot's does.
      firstReviewAt: Date.parse("2024-06-01T11:00:00Z"),
      firstApprovalAt: Date.parse("2024-06-02T09:00:00Z"),
      mergedAt: Date.parse("2024-06-02T12:00:00Z"),
      mergeCommitSha: "merge10".padEnd(40, "0"),
      additions: 10,
      firstCommitFetched: true,
    });
    // Deployed by 302 (succeeded 13:05 the day it merged); 299 is the first deployment seen.
    expect(pr10?.deployedAt).toBe(Date.parse("2024-06-02T13:05:00Z"));
    const since = Date.parse("2024-05-25T13:00:00Z");
    expect(phaseDurations(pr10!, since)).toEqual({ coding: 48 * HOUR, pickup: 1 * HOUR, review: 25 * HOUR, deploy: 65 * MINUTE, cycle: 76 * HOUR + 5 * MINUTE });
    const deployedAt = async (number: number) => (await getPullRequest(db, { repoId: REPO_ID, number }))?.deployedAt;
    expect([await deployedAt(9), await deployedAt(8), await deployedAt(7), await deployedAt(6)]).toEqual([pr10?.deployedAt, pr10?.deployedAt, null, null]);

    const pr7 = await getPullRequest(db, { repoId: REPO_ID, number: 7 });
    expect(pr7?.firstCommitAt).toBe(Date.parse("2024-05-01T00:00:00Z"));
    expect(fake.requests.filter((r) => r.path === "/repos/acme/shop/pulls/7/commits")).toHaveLength(1);

    const pr6 = await getPullRequest(db, { repoId: REPO_ID, number: 6 });
    expect(pr6).toMatchObject({ author: "dependabot[bot]", authorIsBot: true });
    expect(await getPullRequest(db, { repoId: REPO_ID, number: 5 })).toBeUndefined();

    const deployments = await db.kysely.selectFrom("deployments").select(["deployment_id", "production", "succeeded_at", "failed_at"]).orderBy("deployment_id").execute();
    expect(deployments).toEqual([
      { deployment_id: 299, production: 1, succeeded_at: Date.parse("2024-05-25T13:05:00Z"), failed_at: null },
      { deployment_id: 301, production: 1, succeeded_at: null, failed_at: Date.parse("2024-05-31T13:05:00Z") },
      { deployment_id: 302, production: 1, succeeded_at: Date.parse("2024-06-02T13:05:00Z"), failed_at: null },
    ]);
    const incidents = await db.kysely.selectFrom("incidents").select(["number", "opened_at", "closed_at"]).execute();
    expect(incidents).toEqual([{ number: 77, opened_at: Date.parse("2024-05-31T14:00:00Z"), closed_at: Date.parse("2024-05-31T16:00:00Z") }]);
    expect(logs.at(-1)).toMatch(/^backfill acme\/shop: done, 5 merged PRs, 3 deployments, 1 incidents in \d+ requests$/);
  });

  it("running it twice records every fact once", async () => {
    expect(await run()).toBe("done");
    const before = await db.kysely.selectFrom("pull_requests").selectAll().orderBy("number").execute();
    await createBackfillJob(db, { repoId: REPO_ID, owner: "acme", repo: "shop", installationId: 1, days: 30, now });
    expect(await run()).toBe("done");
    expect(await db.kysely.selectFrom("pull_requests").selectAll().orderBy("number").execute()).toEqual(before);
    expect(await db.kysely.selectFrom("deployments").select("deployment_id").execute()).toHaveLength(3);
    // The second run found every deployment linked already: no compare call again.
    expect(fake.requests.filter((r) => r.path.includes("/compare/"))).toHaveLength(1);
  });

  it("another process holding the job makes a second run step aside", async () => {
    // worker-a holds the job's lease, as a run in another process does. (Starting both runs at
    // once raced on PostgreSQL: the second run's claim could reach the server first.)
    expect(await claimBackfillJob(db, { repoId: REPO_ID, worker: "worker-a", now, leaseMs: 60_000 })).toBe(true);
    expect(await run({ worker: "worker-b" })).toBe("busy");
    const stop = new AbortController();
    stop.abort();
    expect(await run({ worker: "worker-a", signal: stop.signal })).toBe("stopped");
    expect(await run({ worker: "worker-b" })).toBe("done");
  });

  it("retries a failing page, then marks the job failed with the reason and continues from there next time", async () => {
    fake.failNext = 3;
    expect(await run({ maxAttempts: 3 })).toBe("failed");
    expect(await getBackfillJob(db, REPO_ID)).toMatchObject({ state: "failed", phase: "pull_requests", cursor: null });
    expect((await getBackfillJob(db, REPO_ID))?.lastError).toMatch(/Bad Gateway/);

    const again = await createBackfillJob(db, { repoId: REPO_ID, owner: "acme", repo: "shop", installationId: 1, days: 30, now });
    expect(again.created).toBe(false);
    expect(await run()).toBe("done");
    expect(await getBackfillJob(db, REPO_ID)).toMatchObject({ state: "done", done: 5 });
  });
});
