import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runStoredJob } from "../../src/backfill/backfill-runner.js";
import { createBackfillJob, getBackfillJob, type BackfillJob } from "../../src/store/backfill-jobs.js";
import type { Db } from "../../src/store/db.js";
import { stores } from "../helpers/stores.js";
import { FakeHistory, makePullRequestNode, testOctokit, type WorkflowRunItem } from "./fake-history.js";

// Issue 16 / ADR 0079: GitHub lists at most 1,000 runs of a filtered runs query. A busy deploy
// workflow's runs over the window are read in creation-time ranges, each halved while GitHub
// counts 1,000 or more in it, so every run is imported once.
const REPO_ID = 4242;
const NOW = Date.parse("2024-06-03T10:00:00Z");
const SINCE = NOW - 30 * 86_400_000;
const DEPLOY = { id: 101, name: "Deploy", path: ".github/workflows/deploy.yml" };
const CI = { id: 102, name: "CI", path: ".github/workflows/ci.yml" };
const RUNS = 2_600;
const RUNS_PATH = `/repos/acme/shop/actions/workflows/${DEPLOY.id}/runs`;

const run = (id: number, workflow: typeof DEPLOY, at: number, branch = "main", conclusion = "success"): WorkflowRunItem => {
  const created = new Date(at).toISOString().replace(/\.\d{3}Z$/, "Z");
  return { id, workflow_id: workflow.id, name: workflow.name, path: workflow.path, head_sha: String(id).padStart(40, "0"), head_branch: branch, status: "completed", conclusion, created_at: created, run_started_at: created, updated_at: created };
};

describe.each(stores)("backfill of more than 1,000 runs of one deploy workflow on $name", (store) => {
  let db: Db;
  let fake: FakeHistory;
  beforeEach(async () => {
    db = await store.open();
    fake = new FakeHistory().install();
    fake.hasConfig("acme", "shop", "metrics:\n  deployments:\n    - workflow_runs:\n        workflows: [Deploy]\n");
    fake.pullRequests = [makePullRequestNode({ number: 10, mergedAt: "2024-06-01T12:00:00Z", updatedAt: "2024-06-01T12:00:00Z" })];
    fake.mergedCount = 1;
    fake.workflows = [DEPLOY, CI];
    // A deploy every 15 minutes from 12 hours into the window (2,600 runs, ~27 days), and runs it must not take:
    // before the window, on another branch, of another workflow. Most fail (a failed deployment is
    // stored, not compared), so linking costs 26 compares instead of 2,600.
    const start = SINCE + 12 * 3_600_000;
    fake.workflowRuns = [
      ...Array.from({ length: RUNS }, (_, i) => run(10_000 + i, DEPLOY, start + i * 900_000, "main", i % 100 === 0 ? "success" : "failure")),
      run(1, DEPLOY, SINCE - 3_600_000),
      run(2, DEPLOY, start + 60_000, "feature"),
      run(3, CI, start + 120_000),
    ];
    // Each deployment is compared with the one before it; no PR commits in this history.
    fake.route("GET", /^\/repos\/acme\/shop\/compare\/(\w+)\.\.\.(\w+)$/, () => [200, { total_commits: 0, commits: [] }]);
  });
  afterEach(() => db.close());

  const backfill = async (job: BackfillJob, stop?: { signal: AbortSignal; onProgress: (job: BackfillJob) => void }) => {
    const logs: string[] = [];
    const outcome = await runStoredJob({
      db,
      job,
      octokit: testOctokit(),
      worker: "w1",
      clock: { now: () => NOW, sleep: async () => {} },
      log: { info: (m) => void logs.push(m), warn: (m) => void logs.push(m) },
      share: 0.5,
      pageSize: 100,
      ...(stop ?? {}),
    });
    return { outcome, logs };
  };

  /** The runs-list requests: `created` qualifier, page, and how many runs GitHub counted for it. */
  const runsRequests = () =>
    fake.requests.filter((r) => r.path === RUNS_PATH).map((r) => ({ created: String(r.query.created), page: Number(r.query.page), branch: r.query.branch, status: r.query.status }));

  it("reads every run of the window once: a list GitHub caps at 1,000 is halved by creation time until each half is whole", async () => {
    const { job } = await createBackfillJob(db, { repoId: REPO_ID, owner: "acme", repo: "shop", installationId: 1, days: 30, now: NOW });
    const { outcome, logs } = await backfill(job);
    expect(outcome, logs.join("\n")).toBe("done");

    const rows = await db.kysely.selectFrom("deployments").select(["sha", "source"]).execute();
    expect(rows).toHaveLength(RUNS);
    expect(new Set(rows.map((row) => row.sha)).size).toBe(RUNS);
    expect(rows.every((row) => row.source === "workflow_runs")).toBe(true);
    expect(await getBackfillJob(db, REPO_ID)).toMatchObject({ state: "done", deployments: RUNS });
    // No page past GitHub's cap was ever asked for, and nothing went unanswered.
    expect(fake.pastRunsCap).toBe(0);
    expect(fake.unhandled).toEqual([]);

    const requests = runsRequests();
    expect(requests.every((r) => r.branch === "main" && r.status === "completed")).toBe(true);
    // The whole window first (GitHub counts 2,600), then ranges of creation times.
    expect(requests[0]).toMatchObject({ created: ">=2024-05-04", page: 1 });
    const ranges = requests.slice(1).map((r) => ({ ...r, bounds: r.created.split("..").map((t) => Date.parse(t)) as [number, number] }));
    expect(ranges.every((r) => r.bounds.length === 2 && r.bounds[0] <= r.bounds[1])).toBe(true);
    // A range is read in pages only when GitHub counts fewer than 1,000 in it; the read ranges tile
    // the window start -> the newest run with no gap and no overlap (whole seconds, both ends included).
    const count = (bounds: [number, number]) => fake.workflowRuns.filter((r) => r.workflow_id === DEPLOY.id && r.head_branch === "main" && Date.parse(r.created_at) >= bounds[0] && Date.parse(r.created_at) <= bounds[1]).length;
    const read = ranges.filter((r) => r.page === 2 || count(r.bounds) < 1000).filter((r, i, all) => all.findIndex((o) => o.created === r.created) === i);
    const split = ranges.filter((r) => r.page === 1 && count(r.bounds) >= 1000);
    expect(split.length).toBeGreaterThan(0);
    expect(read.every((r) => count(r.bounds) < 1000)).toBe(true);
    const tiles = read.map((r) => r.bounds).sort((a, b) => a[0] - b[0]);
    expect(tiles[0]?.[0]).toBe(SINCE);
    expect(tiles.at(-1)?.[1]).toBe(Date.parse(fake.workflowRuns[RUNS - 1]?.created_at ?? ""));
    for (let i = 1; i < tiles.length; i++) expect(tiles[i]?.[0]).toBe((tiles[i - 1]?.[1] ?? 0) + 1000);
    // Each read range costs its pages and no more: ceil(runs / 100), at least one.
    const pages = read.reduce((sum, r) => sum + Math.max(1, Math.ceil(count(r.bounds) / 100)), 0);
    expect(requests).toHaveLength(1 + split.length + pages);
  });

  it("an import stopped inside a range continues at that range's page, with the ranges still to read", async () => {
    const { job } = await createBackfillJob(db, { repoId: REPO_ID, owner: "acme", repo: "shop", installationId: 1, days: 30, now: NOW });
    const stop = new AbortController();
    let stoppedAt: string | null = null;
    const onProgress = (progress: BackfillJob) => {
      if (stoppedAt === null && /^workflow_runs:101:3:\d+-\d+,/.test(progress.cursor ?? "")) {
        stoppedAt = progress.cursor;
        stop.abort();
      }
    };
    expect((await backfill(job, { signal: stop.signal, onProgress })).outcome).toBe("stopped");
    expect(await getBackfillJob(db, REPO_ID)).toMatchObject({ phase: "deployments", cursor: stoppedAt });
    const before = runsRequests();
    fake.requests.splice(0);

    const second = await backfill((await getBackfillJob(db, REPO_ID)) as BackfillJob);
    expect(second.outcome, second.logs.join("\n")).toBe("done");
    const after = runsRequests();
    // The second process starts at page 3 of the range it stopped in; no (range, page) is read twice.
    const range = /^workflow_runs:101:3:(\d+)-(\d+),/.exec(stoppedAt ?? "");
    const iso = (seconds: string | undefined) => new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
    expect(after[0]).toMatchObject({ created: `${iso(range?.[1])}..${iso(range?.[2])}`, page: 3 });
    const key = (r: { created: string; page: number }) => `${r.created} ${r.page}`;
    const seen = new Set(before.map(key));
    expect(after.filter((r) => seen.has(key(r)))).toEqual([]);
    expect(await db.kysely.selectFrom("deployments").select("sha").execute()).toHaveLength(RUNS);
    expect(await getBackfillJob(db, REPO_ID)).toMatchObject({ state: "done", deployments: RUNS });
  });
});
