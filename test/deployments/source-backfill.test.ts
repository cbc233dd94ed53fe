import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runStoredJob } from "../../src/backfill/backfill-runner.js";
import { createBackfillJob, type BackfillJob } from "../../src/store/backfill-jobs.js";
import type { Db } from "../../src/store/db.js";
import { stores } from "../helpers/stores.js";
import { useFakeGitHub } from "../helpers/test-app.js";
import type { RecordedRequest } from "../helpers/fake-github.js";
import { FakeHistory, makePullRequestNode, testOctokit } from "../backfill/fake-history.js";
import { example } from "../helpers/examples.js";
import { deliver, deployedAtOf, incident, linearHistory, merged, metricsApi, metricsApp, OWNER, REPO, REPO_ID, repository, sha, t, workflowRun, type Delivery, type Payload } from "./timeline.js";

// Issue 16: a repo whose only deployments are a "Deploy" workflow's runs, and one that deploys on
// merge (with a revert PR), get every DORA key through webhooks AND through backfill, the same
// figures both ways. Each history is written once and turned into deliveries and into GitHub's state.
const HOUR = 3600;
const WINDOW = "from=2026-02-01&to=2026-02-08";
const DORA = `/api/v1/repos/${OWNER}/${REPO}/dora`;
const NOW = "2026-03-01T00:00:00Z";

interface History {
  prs: Array<{ number: number; at: string; sha: string; base?: string; reverts?: number }>;
  runs: Array<{ id: number; workflow: "Deploy" | "CI"; at: string; sha: string; conclusion: string; branch?: string }>;
  incidents: Array<{ number: number; opened: string; closed: string }>;
  releases?: Array<{ id: number; tag: string; at: string; sha: string; prerelease?: boolean }>;
}

const WORKFLOWS = { Deploy: { id: 101, path: ".github/workflows/deploy.yml" }, CI: { id: 102, path: ".github/workflows/ci.yml" } } as const;

const WORKFLOW_HISTORY: History = {
  prs: [
    { number: 21, at: "2026-02-02T10:00:00Z", sha: sha("m21") },
    { number: 22, at: "2026-02-02T12:00:00Z", sha: sha("m22") },
    { number: 23, at: "2026-02-03T09:00:00Z", sha: sha("m23") },
  ],
  runs: [
    { id: 1, workflow: "Deploy", at: "2026-02-01T09:00:00Z", sha: sha("c0"), conclusion: "success" },
    // CI on the default branch, and Deploy on a feature branch, are not deployments.
    { id: 9, workflow: "CI", at: "2026-02-02T13:00:00Z", sha: sha("m22"), conclusion: "success" },
    { id: 8, workflow: "Deploy", at: "2026-02-02T13:30:00Z", sha: sha("m22"), conclusion: "success", branch: "feature" },
    { id: 2, workflow: "Deploy", at: "2026-02-02T15:00:00Z", sha: sha("m22"), conclusion: "success" },
    { id: 3, workflow: "Deploy", at: "2026-02-03T10:00:00Z", sha: sha("m23"), conclusion: "failure" },
    { id: 4, workflow: "Deploy", at: "2026-02-03T11:00:00Z", sha: sha("m23"), conclusion: "success" },
    // A cancelled run deployed nothing.
    { id: 5, workflow: "Deploy", at: "2026-02-03T11:30:00Z", sha: sha("m23"), conclusion: "cancelled" },
  ],
  incidents: [{ number: 70, opened: "2026-02-03T12:00:00Z", closed: "2026-02-03T14:00:00Z" }],
};

const MERGE_HISTORY: History = {
  prs: [
    { number: 31, at: "2026-02-02T10:00:00Z", sha: sha("m31") },
    { number: 32, at: "2026-02-02T12:00:00Z", sha: sha("m32") },
    // Into another branch: not a deployment.
    { number: 34, at: "2026-02-02T12:30:00Z", sha: sha("r34"), base: "release" },
    { number: 33, at: "2026-02-03T09:00:00Z", sha: sha("m33") },
    // GitHub's revert button on #33: a change failure of #33's deployment, restored by its own.
    { number: 35, at: "2026-02-04T09:00:00Z", sha: sha("m35"), reverts: 33 },
  ],
  runs: [],
  incidents: [{ number: 71, opened: "2026-02-02T13:00:00Z", closed: "2026-02-02T15:00:00Z" }],
};

const RELEASE_HISTORY: History = {
  prs: [
    { number: 41, at: "2026-02-02T10:00:00Z", sha: sha("a41") },
    { number: 42, at: "2026-02-02T12:00:00Z", sha: sha("a42") },
    { number: 43, at: "2026-02-03T09:00:00Z", sha: sha("a43") },
  ],
  runs: [],
  releases: [
    { id: 601, tag: "v1.0", at: "2026-02-01T09:00:00Z", sha: sha("c0") },
    { id: 602, tag: "v1.1", at: "2026-02-02T15:00:00Z", sha: sha("a42") },
    // A pre-release deploys nothing unless `prereleases` says so.
    { id: 603, tag: "v1.2-rc1", at: "2026-02-03T10:00:00Z", sha: sha("a43"), prerelease: true },
    { id: 604, tag: "v1.2", at: "2026-02-03T11:00:00Z", sha: sha("a43") },
  ],
  incidents: [{ number: 72, opened: "2026-02-03T12:00:00Z", closed: "2026-02-03T14:00:00Z" }],
};

/** `release.published` of the example repo. */
function published(release: NonNullable<History["releases"]>[number]): Delivery {
  const payload = example<Payload>("release", "published");
  payload.repository = repository();
  Object.assign(payload.release, { id: release.id, tag_name: release.tag, draft: false, prerelease: release.prerelease ?? false, created_at: release.at, published_at: release.at });
  return { name: "release", payload };
}

const revertTexts = (target: number) => ({ headRef: `revert-${target}-feature`, body: `Reverts ${OWNER}/${REPO}#${target}\n\nBroke checkout.` });

function deliveries(history: History): Delivery[] {
  const prs = history.prs.map((pr) => {
    const delivery = merged(pr.number, pr.at, pr.sha, pr.base);
    if (pr.reverts !== undefined) {
      const { headRef, body } = revertTexts(pr.reverts);
      delivery.payload.pull_request.head.ref = headRef;
      delivery.payload.pull_request.body = body;
    }
    return delivery;
  });
  const runs = history.runs.map((run) => workflowRun({ id: run.id, name: run.workflow, path: WORKFLOWS[run.workflow].path, sha: run.sha, conclusion: run.conclusion, at: run.at, ...(run.branch ? { branch: run.branch } : {}) }));
  const incidents = history.incidents.flatMap((issue) => [incident(issue.number, issue.opened, null), incident(issue.number, issue.opened, issue.closed)]);
  return [...prs, ...runs, ...(history.releases ?? []).map(published), ...incidents];
}

/** The same history as GitHub's APIs list it to the backfill (the example repo's default branch is master). */
function seed(fake: FakeHistory, history: History): void {
  const iso = (ms: number) => new Date(ms).toISOString().replace(".000Z", "Z");
  fake.defaultBranch = "master";
  fake.mergedCount = history.prs.length;
  fake.pullRequests = [...history.prs]
    .sort((a, b) => t(b.at) - t(a.at))
    .map((pr) =>
      makePullRequestNode({
        number: pr.number,
        databaseId: 900_000 + pr.number,
        createdAt: iso(t(pr.at) - 6 * HOUR * 1000),
        updatedAt: pr.at,
        mergedAt: pr.at,
        closedAt: pr.at,
        baseRefName: pr.base ?? "master",
        mergeCommit: { oid: pr.sha },
        commits: { totalCount: 0, nodes: [] },
        ...(pr.reverts === undefined ? {} : { headRefName: revertTexts(pr.reverts).headRef, body: revertTexts(pr.reverts).body }),
      }),
    );
  fake.workflows = Object.entries(WORKFLOWS).map(([name, workflow]) => ({ name, ...workflow }));
  fake.workflowRuns = history.runs.map((run) => {
    const started = iso(t(run.at) - 5 * 60_000);
    const workflow = WORKFLOWS[run.workflow];
    return { id: run.id, workflow_id: workflow.id, name: run.workflow, path: workflow.path, head_sha: run.sha, head_branch: run.branch ?? "master", status: "completed", conclusion: run.conclusion, created_at: started, run_started_at: started, updated_at: run.at };
  });
  fake.releases = (history.releases ?? []).map((r) => ({ id: r.id, tag_name: r.tag, draft: false, prerelease: r.prerelease ?? false, created_at: r.at, published_at: r.at }));
  for (const r of history.releases ?? []) fake.tags.set(r.tag, r.sha);
  fake.issues = history.incidents.map((issue) => ({ number: issue.number, title: `Incident ${issue.number}`, createdAt: issue.opened, closedAt: issue.closed, updatedAt: issue.closed, labels: { nodes: [{ name: "incident" }] } }));
}

/** A request as one line: method, path, and the query or GraphQL operation that tells pages apart. */
function line(request: RecordedRequest): string {
  const body = request.body as { query?: string; variables?: { after?: unknown } } | undefined;
  const operation = /query (\w+)/.exec(body?.query ?? "")?.[1];
  const query = new URLSearchParams(request.query).toString();
  if (operation) return `${request.method} ${request.path} ${operation} after=${String(body?.variables?.after ?? null)}`;
  return `${request.method} ${request.path}${query ? `?${query}` : ""}`;
}

const CONFIG_READ = `GET /repos/${OWNER}/${REPO}/contents/.github%2Fshipshape.yml`;
const BASE = `/repos/${OWNER}/${REPO}`;
/** Every backfill here starts so: config, default branch, rate limit, two pages of merged PRs (pages of two). */
/** The organisation's teams, read at each backfill start (ADR 0064). */
const ORG_CONFIG_READ = `GET /repos/${OWNER}/.github/contents/.github%2Fshipshape.yml`;
const FIRST_REQUESTS = [CONFIG_READ, `GET ${BASE}`, ORG_CONFIG_READ, "GET /rate_limit", "POST /graphql BackfillPullRequests after=null", "POST /graphql BackfillPullRequests after=pr-2"];

describe.each(stores)("deployment sources through webhooks and backfill on $name", (store) => {
  const github = useFakeGitHub(() => new FakeHistory());
  let webhookDb: Db;
  let backfillDb: Db;
  beforeEach(async () => {
    webhookDb = await store.open();
    backfillDb = await store.open();
  });
  afterEach(async () => {
    await webhookDb.close();
    await backfillDb.close();
  });

  /** Replays the history as webhooks into one store and imports it by backfill into another; the requests of each. */
  async function bothWays(history: History, config: string) {
    // GitHub's state first: the release webhook reads its tag's commit too.
    seed(github, history);
    const webhooks = await metricsApp(github, webhookDb, config);
    await deliver(webhooks, deliveries(history));
    const webhookRequests = github.requests.splice(0).map(line);

    const backfill = await metricsApp(github, backfillDb, config);
    const { job } = await createBackfillJob(backfillDb, { repoId: REPO_ID, owner: OWNER, repo: REPO, installationId: 1, days: 60, now: t(NOW) });
    const logs: string[] = [];
    expect(await importInto(backfillDb, job, logs), logs.join("\n")).toBe("done");
    const backfillRequests = github.requests.splice(0).map(line);
    const dora = { webhooks: await metricsApi(webhooks, DORA, WINDOW), backfill: await metricsApi(backfill, DORA, WINDOW) };
    // Row for row the same deployments (same keys: a run's, a PR's GitHub id) and reverts.
    expect(await storedFacts(backfillDb)).toEqual(await storedFacts(webhookDb));

    // The same import over the webhooks' store folds into the rows they wrote: nothing changes,
    // and the deployments, already linked to the same predecessors, are not compared again.
    const again = await createBackfillJob(webhookDb, { repoId: REPO_ID, owner: OWNER, repo: REPO, installationId: 1, days: 60, now: t(NOW) });
    expect(await importInto(webhookDb, again.job, logs)).toBe("done");
    expect(github.requests.splice(0).map(line)).toEqual(backfillRequests.filter((request) => !request.includes("/compare/")));
    expect(await metricsApi(webhooks, DORA, WINDOW)).toEqual(dora.webhooks);
    return { webhookRequests, backfillRequests, dora, logs };
  }

  const storedFacts = async (db: Db) => ({
    deployments: (await db.kysely.selectFrom("deployments").select(["deployment_id", "source", "sha", "production", "created_at", "succeeded_at", "failed_at"]).orderBy("deployment_id").execute()).map((row) => Object.values(row).map(String)),
    reverts: (await db.kysely.selectFrom("pull_request_reverts").selectAll().orderBy("number").execute()).map((row) => Object.values(row).map(String)),
  });

  const importInto = (db: Db, job: BackfillJob, logs: string[]) =>
    runStoredJob({
      db,
      job,
      octokit: testOctokit(),
      worker: "w",
      clock: { now: () => t(NOW), sleep: async () => {} },
      log: { info: (m) => void logs.push(m), warn: (m) => void logs.push(m) },
      share: 0.5,
      pageSize: 2,
    });

  it("a Deploy workflow's runs are the deployments: every DORA key, the same both ways", async () => {
    linearHistory(github, ["c0", "m21", "m22", "m23"].map(sha));
    const result = await bothWays(WORKFLOW_HISTORY, "metrics:\n  deployments:\n    - workflow_runs:\n        workflows: [Deploy]\n");

    const deployed = { 21: "2026-02-02T15:00:00.000Z", 22: "2026-02-02T15:00:00.000Z", 23: "2026-02-03T11:00:00.000Z" };
    expect(await deployedAtOf(webhookDb, [21, 22, 23])).toEqual(deployed);
    expect(await deployedAtOf(backfillDb, [21, 22, 23])).toEqual(deployed);
    for (const dora of [result.dora.webhooks, result.dora.backfill]) {
      expect(dora.deployment_frequency).toMatchObject({ deployments: 3 });
      expect(dora.lead_time).toMatchObject({ changes: 3, median_seconds: 9 * HOUR });
      // Run 3 failed; run 4 was followed by incident 70 before any other success.
      expect(dora.change_failure_rate).toMatchObject({ deployments: 4, failures: 2, rate: 0.5 });
      expect(dora.time_to_restore).toMatchObject({ incidents: 1, median_seconds: 2 * HOUR });
    }
    expect(result.dora.backfill).toEqual(result.dora.webhooks);

    // Backfill: config, default branch, rate limit, merged PRs in pages of two, the Deploy
    // workflow's runs of master from the window's first day (CI's are never listed), the incident
    // issues, then the compare of each deployment with the one before it.
    expect(result.backfillRequests).toEqual([
      ...FIRST_REQUESTS,
      `GET ${BASE}/actions/workflows?per_page=100&page=1`,
      `GET ${BASE}/actions/workflows/101/runs?branch=master&status=completed&created=%3E%3D2025-12-31&per_page=2&page=1`,
      `GET ${BASE}/actions/workflows/101/runs?branch=master&status=completed&created=%3E%3D2025-12-31&per_page=2&page=2`,
      `GET ${BASE}/actions/workflows/101/runs?branch=master&status=completed&created=%3E%3D2025-12-31&per_page=2&page=3`,
      "POST /graphql BackfillIncidents after=null",
      `GET ${BASE}/compare/${sha("c0")}...${sha("m22")}?per_page=100&page=1`,
      `GET ${BASE}/compare/${sha("m22")}...${sha("m23")}?per_page=100&page=1`,
    ]);
    // Webhooks: the config once (cached), the organisation's teams once (cached), each merged PR's commits, the same two compares.
    expect(result.webhookRequests.sort()).toEqual(
      [
        CONFIG_READ,
        ORG_CONFIG_READ,
        ...[21, 22, 23].map((n) => `GET ${BASE}/pulls/${n}/commits?per_page=100`),
        `GET ${BASE}/compare/${sha("c0")}...${sha("m22")}?per_page=100&page=1`,
        `GET ${BASE}/compare/${sha("m22")}...${sha("m23")}?per_page=100&page=1`,
      ].sort(),
    );
    expect(result.logs.at(-1)).toContain("done, 3 merged PRs, 4 deployments, 1 incidents");
  });

  it("each merge to the default branch is a deployment, a revert PR fails the one it reverts: the same both ways", async () => {
    const result = await bothWays(MERGE_HISTORY, "metrics:\n  deployments: [merges]\n");

    const deployed = { 31: "2026-02-02T10:00:00.000Z", 32: "2026-02-02T12:00:00.000Z", 33: "2026-02-03T09:00:00.000Z", 34: null, 35: "2026-02-04T09:00:00.000Z" };
    expect(await deployedAtOf(webhookDb, [31, 32, 33, 34, 35])).toEqual(deployed);
    expect(await deployedAtOf(backfillDb, [31, 32, 33, 34, 35])).toEqual(deployed);
    expect(await storedFacts(backfillDb)).toMatchObject({ deployments: { length: 4 }, reverts: { length: 1 } });
    for (const dora of [result.dora.webhooks, result.dora.backfill]) {
      expect(dora.deployment_frequency).toMatchObject({ deployments: 4 });
      expect(dora.lead_time).toMatchObject({ changes: 4, median_seconds: 6 * HOUR });
      // #32's deployment by incident 71, #33's by the revert.
      expect(dora.change_failure_rate).toMatchObject({ deployments: 4, failures: 2, rate: 0.5 });
    }
    expect(result.dora.backfill).toEqual(result.dora.webhooks);

    // A merge deployment ships its own merge commit: no compare, no workflow or release list.
    expect(result.backfillRequests).toEqual([
      ...FIRST_REQUESTS,
      "POST /graphql BackfillPullRequests after=pr-4",
      "POST /graphql BackfillIncidents after=null",
    ]);
    expect(result.webhookRequests.sort()).toEqual([CONFIG_READ, ORG_CONFIG_READ, ...[31, 32, 33, 34, 35].map((n) => `GET ${BASE}/pulls/${n}/commits?per_page=100`)].sort());
  });

  it("each counted release is a deployment of its tag's commit: every DORA key, the same both ways", async () => {
    linearHistory(github, ["c0", "a41", "a42", "a43"].map(sha));
    const result = await bothWays(RELEASE_HISTORY, 'metrics:\n  deployments:\n    - releases:\n        tags: ["v*"]\n');

    const deployed = { 41: "2026-02-02T15:00:00.000Z", 42: "2026-02-02T15:00:00.000Z", 43: "2026-02-03T11:00:00.000Z" };
    expect(await deployedAtOf(webhookDb, [41, 42, 43])).toEqual(deployed);
    expect(await deployedAtOf(backfillDb, [41, 42, 43])).toEqual(deployed);
    for (const dora of [result.dora.webhooks, result.dora.backfill]) {
      expect(dora.deployment_frequency).toMatchObject({ deployments: 3 });
      expect(dora.lead_time).toMatchObject({ changes: 3, median_seconds: 9 * HOUR });
      // v1.2 was followed by incident 72 before any other release.
      expect(dora.change_failure_rate).toMatchObject({ deployments: 3, failures: 1 });
      expect(dora.time_to_restore).toMatchObject({ incidents: 1, median_seconds: 2 * HOUR });
    }
    expect(result.dora.backfill).toEqual(result.dora.webhooks);

    const compares = [`GET ${BASE}/compare/${sha("c0")}...${sha("a42")}?per_page=100&page=1`, `GET ${BASE}/compare/${sha("a42")}...${sha("a43")}?per_page=100&page=1`];
    // Releases need no default branch; the pre-release's tag is never looked up.
    expect(result.backfillRequests).toEqual([
      CONFIG_READ,
      ORG_CONFIG_READ,
      "GET /rate_limit",
      "POST /graphql BackfillPullRequests after=null",
      "POST /graphql BackfillPullRequests after=pr-2",
      `GET ${BASE}/releases?per_page=2&page=1`,
      `GET ${BASE}/commits/v1.2`,
      `GET ${BASE}/releases?per_page=2&page=2`,
      `GET ${BASE}/commits/v1.1`,
      `GET ${BASE}/commits/v1.0`,
      `GET ${BASE}/releases?per_page=2&page=3`,
      "POST /graphql BackfillIncidents after=null",
      ...compares,
    ]);
    expect(result.webhookRequests.sort()).toEqual(
      [CONFIG_READ, ORG_CONFIG_READ, ...[41, 42, 43].map((n) => `GET ${BASE}/pulls/${n}/commits?per_page=100`), ...["v1.0", "v1.1", "v1.2"].map((tag) => `GET ${BASE}/commits/${tag}`), ...compares].sort(),
    );
  });
});
