import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runStoredJob } from "../../src/backfill/backfill-runner.js";
import { createBackfillJob, getBackfillJob, type BackfillJob } from "../../src/store/backfill-jobs.js";
import type { Db } from "../../src/store/db.js";
import { getPullRequest } from "../../src/store/pull-requests.js";
import { listIncidentSources, listWorkingHours } from "../../src/store/repo-settings.js";
import { stores } from "../helpers/stores.js";
import { FakeHistory, makePullRequestNode, testOctokit } from "./fake-history.js";

// Issue 16: the backfill imports releases (tag -> commit) by the webhook's rules, keeps the
// repo's working hours and incident sources as a webhook does, and continues an interrupted
// deployments phase at the same page of the same source.
const REPO_ID = 4242;
const NOW = Date.parse("2024-06-03T10:00:00Z");
const sha = (name: string) => name.padEnd(40, "0");
const BASE = "/repos/acme/shop";
const CONFIG_READ = `GET ${BASE}/contents/.github%2Fshipshape.yml`;
/** The organisation's teams, read at each backfill start (ADR 0064). */
const ORG_CONFIG_READ = "GET /repos/acme/.github/contents/.github%2Fshipshape.yml";

const release = (id: number, tag: string, created: string, extra: { draft?: boolean; prerelease?: boolean; published?: string | null } = {}) => ({
  id,
  tag_name: tag,
  draft: extra.draft ?? false,
  prerelease: extra.prerelease ?? false,
  created_at: created,
  published_at: extra.published === undefined ? created : extra.published,
});

describe.each(stores)("backfill of releases, workflow runs and repo settings on $name", (store) => {
  let db: Db;
  let fake: FakeHistory;
  beforeEach(async () => {
    db = await store.open();
    fake = new FakeHistory().install();
    fake.pullRequests = [makePullRequestNode({ number: 10, mergedAt: "2024-06-01T12:00:00Z", updatedAt: "2024-06-01T12:00:00Z" })];
    fake.mergedCount = 1;
  });
  afterEach(() => db.close());

  const lines = () => fake.requests.splice(0).map((r) => {
    const operation = /query (\w+)/.exec(String((r.body as { query?: string } | undefined)?.query ?? ""))?.[1];
    const query = new URLSearchParams(r.query).toString();
    return operation ? `${r.method} ${r.path} ${operation}` : `${r.method} ${r.path}${query ? `?${query}` : ""}`;
  });

  const run = async (job: BackfillJob, extra: { worker?: string; signal?: AbortSignal; onProgress?: (job: BackfillJob) => void } = {}) => {
    const logs: string[] = [];
    const outcome = await runStoredJob({
      db,
      job,
      octokit: testOctokit(),
      worker: extra.worker ?? "w1",
      clock: { now: () => NOW, sleep: async () => {} },
      log: { info: (m) => void logs.push(m), warn: (m) => void logs.push(m) },
      share: 0.5,
      pageSize: 2,
      ...(extra.signal ? { signal: extra.signal } : {}),
      ...(extra.onProgress ? { onProgress: extra.onProgress } : {}),
    });
    return { outcome, logs };
  };

  it("imports counted releases as deployments of their tag's commit and stores working hours and incident sources", async () => {
    fake.hasConfig("acme", "shop", 'metrics:\n  deployments:\n    - releases:\n        tags: ["v*"]\n  incidents: [reverts, failed_deployments]\n  working_hours:\n    time_zone: Europe/Berlin\n    hours: "09:00-17:00"\n');
    fake.releases = [
      release(202, "v1.3.0-rc1", "2024-06-02T12:00:00Z", { prerelease: true }),
      release(201, "v1.2.0", "2024-06-02T10:00:00Z"),
      release(203, "v1.2.1", "2024-05-30T10:00:00Z", { draft: true, published: null }),
      release(204, "nightly-5", "2024-05-25T10:00:00Z"),
      release(205, "v1.1.0", "2024-05-20T10:00:00Z"),
      // Created before the 30-day window: paging stops after its page.
      release(206, "v1.0.0", "2024-04-01T10:00:00Z"),
      release(207, "v0.9.0", "2024-03-01T10:00:00Z"),
    ];
    fake.tags.set("v1.2.0", sha("ab120")).set("v1.1.0", sha("ab110"));
    fake.route("GET", /^\/repos\/acme\/shop\/compare\/(\w+)\.\.\.(\w+)$/, (_request, m) =>
      m[1] === sha("ab110") && m[2] === sha("ab120") ? [200, { total_commits: 2, commits: [{ sha: sha("merge10") }, { sha: sha("ab120") }] }] : [404, { message: "Not Found" }],
    );
    const { job } = await createBackfillJob(db, { repoId: REPO_ID, owner: "acme", repo: "shop", installationId: 1, days: 30, now: NOW });
    const { outcome, logs } = await run(job);
    expect(outcome, logs.join("\n")).toBe("done");

    // No default branch asked for (releases need none), no GitHub deployments nor incident issues
    // (neither is configured), the release pages until one created before the window, one tag
    // lookup per counted release, one compare when linking.
    expect(lines()).toEqual([
      CONFIG_READ,
      ORG_CONFIG_READ,
      "GET /rate_limit",
      "POST /graphql BackfillPullRequests",
      `GET ${BASE}/releases?per_page=2&page=1`,
      `GET ${BASE}/commits/v1.2.0`,
      `GET ${BASE}/releases?per_page=2&page=2`,
      `GET ${BASE}/releases?per_page=2&page=3`,
      `GET ${BASE}/commits/v1.1.0`,
      `GET ${BASE}/compare/${sha("ab110")}...${sha("ab120")}?per_page=100&page=1`,
    ]);
    expect(fake.unhandled).toEqual([]);

    const rows = await db.kysely.selectFrom("deployments").select(["source", "sha", "ref", "production", "succeeded_at", "environment"]).orderBy("succeeded_at").execute();
    expect(rows.map((row) => ({ ...row, production: Boolean(row.production), succeeded_at: Number(row.succeeded_at) }))).toEqual([
      { source: "releases", sha: sha("ab110"), ref: "v1.1.0", production: true, succeeded_at: Date.parse("2024-05-20T10:00:00Z"), environment: "production" },
      { source: "releases", sha: sha("ab120"), ref: "v1.2.0", production: true, succeeded_at: Date.parse("2024-06-02T10:00:00Z"), environment: "production" },
    ]);
    expect((await getPullRequest(db, { repoId: REPO_ID, number: 10 }))?.deployedAt).toBe(Date.parse("2024-06-02T10:00:00Z"));
    expect(await getBackfillJob(db, REPO_ID)).toMatchObject({ state: "done", deployments: 2, incidents: 0 });

    expect((await listWorkingHours(db, [REPO_ID])).get(REPO_ID)).toMatchObject({ timeZone: "Europe/Berlin", days: ["mon", "tue", "wed", "thu", "fri"] });
    expect((await listIncidentSources(db, [REPO_ID])).get(REPO_ID)).toEqual(["failed_deployments", "reverts"]);
  });

  it("an interrupted workflow-runs import continues at the stored workflow and page, listing nothing twice", async () => {
    fake.hasConfig("acme", "shop", "metrics:\n  deployments: [workflow_runs]\n");
    fake.workflows = [
      { id: 11, name: "Deploy web", path: ".github/workflows/deploy-web.yml" },
      { id: 12, name: "CI", path: ".github/workflows/ci.yml" },
      { id: 13, name: "Release", path: ".github/workflows/deploy-api.yml" },
    ];
    const runOf = (id: number, workflow: number, at: string, conclusion = "success") => ({
      id,
      workflow_id: workflow,
      name: workflow === 11 ? "Deploy web" : "Release",
      path: workflow === 11 ? ".github/workflows/deploy-web.yml" : ".github/workflows/deploy-api.yml",
      head_sha: sha(`run${id}`),
      head_branch: "main",
      status: "completed",
      conclusion,
      created_at: at,
      run_started_at: at,
      updated_at: at,
    });
    fake.workflowRuns = [runOf(1, 11, "2024-05-10T10:00:00Z"), runOf(2, 11, "2024-05-11T10:00:00Z", "failure"), runOf(3, 11, "2024-05-12T10:00:00Z"), runOf(4, 13, "2024-05-13T10:00:00Z"), runOf(5, 11, "2024-04-01T10:00:00Z")];
    fake.route("GET", /^\/repos\/acme\/shop\/compare\/(\w+)\.\.\.(\w+)$/, () => [200, { total_commits: 0, commits: [] }]);
    const { job } = await createBackfillJob(db, { repoId: REPO_ID, owner: "acme", repo: "shop", installationId: 1, days: 30, now: NOW });

    const stop = new AbortController();
    const first = await run(job, { signal: stop.signal, onProgress: (progress) => void (progress.cursor?.startsWith("workflow_runs:11,13:2") && stop.abort()) });
    expect(first.outcome).toBe("stopped");
    expect(await getBackfillJob(db, REPO_ID)).toMatchObject({ phase: "deployments", cursor: "workflow_runs:11,13:2", deployments: 2 });
    const interrupted = await getBackfillJob(db, REPO_ID);
    const second = await run(interrupted as BackfillJob, { worker: "w2" });
    expect(second.outcome, second.logs.join("\n")).toBe("done");

    const runs = (workflow: number, page: number) => `GET ${BASE}/actions/workflows/${workflow}/runs?branch=main&status=completed&created=%3E%3D2024-05-04&per_page=2&page=${page}`;
    expect(lines()).toEqual([
      CONFIG_READ,
      `GET ${BASE}`,
      ORG_CONFIG_READ,
      "GET /rate_limit",
      "POST /graphql BackfillPullRequests",
      `GET ${BASE}/actions/workflows?per_page=100&page=1`,
      runs(11, 1),
      // The second process: config and default branch again, then where the first stopped.
      CONFIG_READ,
      `GET ${BASE}`,
      ORG_CONFIG_READ,
      "GET /rate_limit",
      runs(11, 2),
      runs(13, 1),
      "POST /graphql BackfillIncidents",
      `GET ${BASE}/compare/${sha("run1")}...${sha("run3")}?per_page=100&page=1`,
      `GET ${BASE}/compare/${sha("run3")}...${sha("run4")}?per_page=100&page=1`,
    ]);
    const rows = await db.kysely.selectFrom("deployments").select(["sha", "failed_at"]).orderBy("created_at").execute();
    // Run 5 started before the window; run 2 failed.
    expect(rows.map((row) => [row.sha, row.failed_at !== null])).toEqual([
      [sha("run1"), false],
      [sha("run2"), true],
      [sha("run3"), false],
      [sha("run4"), false],
    ]);
    expect(await getBackfillJob(db, REPO_ID)).toMatchObject({ state: "done", deployments: 4 });
  });

  it("a deployments cursor stored before sources existed continues GitHub deployments from it", async () => {
    fake.hasConfig("acme", "shop", "metrics:\n  deployments: [github_deployments]\n");
    const node = (id: number, created: string) => ({ databaseId: id, environment: "production", commitOid: sha(`d${id}`), createdAt: created, ref: { name: "main" }, statuses: { nodes: [{ state: "SUCCESS", createdAt: created }] } });
    fake.deployments = [node(303, "2024-06-02T10:00:00Z"), node(302, "2024-06-01T10:00:00Z"), node(301, "2024-05-30T10:00:00Z")];
    fake.route("GET", /^\/repos\/acme\/shop\/compare\/(\w+)\.\.\.(\w+)$/, () => [200, { total_commits: 0, commits: [] }]);
    const { job } = await createBackfillJob(db, { repoId: REPO_ID, owner: "acme", repo: "shop", installationId: 1, days: 30, now: NOW });
    await db.kysely.updateTable("backfill_jobs").set({ phase: "deployments", cursor: "deploy-1" }).where("repo_id", "=", REPO_ID).execute();
    const { outcome } = await run({ ...job, phase: "deployments", cursor: "deploy-1" });
    expect(outcome).toBe("done");
    expect(fake.queries("BackfillDeployments").map((q) => q.variables.after)).toEqual(["deploy-1"]);
    const rows = await db.kysely.selectFrom("deployments").select("deployment_id").orderBy("deployment_id").execute();
    expect(rows.map((row) => Number(row.deployment_id))).toEqual([301, 302]);
    expect(fake.unhandled).toEqual([]);
  });
});
