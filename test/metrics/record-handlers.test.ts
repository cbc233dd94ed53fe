import { beforeEach, describe, expect, it } from "vitest";
import { metricsRoutes } from "../../src/http/metrics-routes.js";
import { getDeployment } from "../../src/store/deployments.js";
import { listIncidents } from "../../src/store/incidents.js";
import { getPullRequest } from "../../src/store/pull-requests.js";
import { example } from "../helpers/examples.js";
import type { RecordedRequest } from "../helpers/fake-github.js";
import { useTestApp } from "../helpers/test-app.js";

/* eslint-disable @typescript-eslint/no-explicit-any */
type Payload = Record<string, any>;
const REPO_ID = 186853002;
const OWNER = "Codertocat";
const REPO = "Hello-World";
const t = (iso: string) => Date.parse(iso);

const { app, github } = useTestApp({ now: "2019-05-20T00:00:00Z" });
let delivery = 0;
const receive = (name: string, payload: Payload) => app.probot.receive({ id: String(++delivery), name, payload } as never);

function pullRequest(action: string, changes: Payload): Payload {
  const payload = example<Payload>("pull_request", "opened");
  payload.action = action;
  Object.assign(payload.pull_request, changes);
  return payload;
}

/** `pull_request.closed` with `merged: true`: the examples package has none, so built from the opened shape. */
function merged(at: string, mergeCommitSha: string): Payload {
  return pullRequest("closed", { state: "closed", merged: true, merged_at: at, closed_at: at, updated_at: at, merge_commit_sha: mergeCommitSha, merged_by: { login: "octocat", type: "User" }, additions: 12, deletions: 3, changed_files: 2 });
}

function deploymentStatus(id: number, sha: string, state: string, at: string, environment = "production"): Payload {
  const payload = example<Payload>("deployment_status", "created");
  Object.assign(payload.deployment, { id, sha, environment, created_at: at, updated_at: at });
  Object.assign(payload.deployment_status, { state, environment, created_at: at, updated_at: at });
  return payload;
}

function metricsApi(path: string, query = ""): Promise<{ status: number; body: any; headers?: Record<string, string> }> {
  const routes = metricsRoutes(app.deps);
  const pattern = path.replace(`/${OWNER}/${REPO}/`, "/:owner/:repo/");
  const route = routes.find((candidate) => candidate.pattern === pattern)!;
  return route
    .handle({ method: "GET", path, params: { owner: OWNER, repo: REPO }, query: new URLSearchParams(query), headers: {}, body: async () => Buffer.alloc(0) })
    .then((response) => ({ ...response, body: String(response.headers?.["content-type"]).includes("json") ? JSON.parse(String(response.body)) : String(response.body) }));
}

const reads = (predicate: (request: RecordedRequest) => boolean) => github.requests.filter(predicate).map((r) => `${r.method} ${r.path}`);

describe("recording a PR from opened to deployed", () => {
  beforeEach(() => {
    github.hasConfig(OWNER, REPO, "tickets:\n  enabled: false\nadr:\n  enabled: false\ncoverage:\n  enabled: false\n");
    github.hasCommits(2, [
      { sha: "c1".padEnd(40, "0"), message: "first", date: "2019-05-14T09:00:00Z" },
      { sha: "c2".padEnd(40, "0"), message: "second", date: "2019-05-13T09:00:00Z" },
    ]);
    github.route("GET", /^\/repos\/Codertocat\/Hello-World\/compare\/([^/]+)$/, (request, m) => {
      expect(decodeURIComponent(m[1]!)).toBe(`${"d0".padEnd(40, "0")}...${"d1".padEnd(40, "0")}`);
      expect(request.query).toMatchObject({ per_page: "100", page: "1" });
      return [200, { total_commits: 2, commits: [{ sha: "merge2".padEnd(40, "0") }, { sha: "c9".padEnd(40, "0") }] }];
    });
  });

  it("stores every fact from the payloads' timestamps and serves them from the API", async () => {
    // A first production deployment before the PR merges: the baseline the next one is compared with.
    await receive("deployment_status", deploymentStatus(1, "d0".padEnd(40, "0"), "success", "2019-05-15T10:00:00Z"));
    const opened = example<Payload>("pull_request", "opened");
    const review = example<Payload>("pull_request_review", "submitted");
    Object.assign(review.review, { user: { login: "hubot", type: "User" }, state: "approved", submitted_at: "2019-05-15T16:00:00Z" });
    const botReview = example<Payload>("pull_request_review", "submitted");
    Object.assign(botReview.review, { user: { login: "ci[bot]", type: "Bot" }, state: "approved", submitted_at: "2019-05-15T15:30:00Z" });
    // Out of order: the merge arrives before the opening and the reviews.
    await receive("pull_request", merged("2019-05-16T12:00:00Z", "merge2".padEnd(40, "0")));
    await receive("pull_request", opened);
    await receive("pull_request_review", botReview);
    await receive("pull_request_review", review);
    await receive("pull_request_review", example("pull_request_review", "submitted")); // by the author: ignored
    await receive("deployment_status", deploymentStatus(2, "d1".padEnd(40, "0"), "success", "2019-05-17T08:00:00Z"));
    await receive("deployment_status", deploymentStatus(3, "d1".padEnd(40, "0"), "success", "2019-05-17T09:00:00Z", "staging"));

    const pr = await getPullRequest(app.db, { repoId: REPO_ID, number: 2 });
    expect(pr).toMatchObject({
      author: "Codertocat",
      firstCommitAt: t("2019-05-13T09:00:00Z"),
      openedAt: t(opened.pull_request.created_at),
      readyAt: t(opened.pull_request.created_at),
      firstReviewAt: t("2019-05-15T16:00:00Z"),
      firstApprovalAt: t("2019-05-15T16:00:00Z"),
      mergedAt: t("2019-05-16T12:00:00Z"),
      deployedAt: t("2019-05-17T08:00:00Z"),
      mergeCommitSha: "merge2".padEnd(40, "0"),
      additions: 12,
      changedFiles: 2,
    });
    expect((await getDeployment(app.db, 3))?.production).toBe(false);
    // The commits were listed once (at merge), the compare made once (for the second production deployment).
    expect(reads((r) => r.path.includes("/pulls/2/commits"))).toEqual(["GET /repos/Codertocat/Hello-World/pulls/2/commits"]);
    expect(reads((r) => r.path.includes("/compare/"))).toHaveLength(1);
    expect(github.unhandled).toEqual([]);

    const pulls = await metricsApi(`/api/v1/repos/${OWNER}/${REPO}/pulls`, "from=2019-05-01&to=2019-05-20");
    expect(pulls.status).toBe(200);
    expect(pulls.body.pulls).toEqual([
      expect.objectContaining({ repo: "Codertocat/Hello-World", number: 2, merged_at: "2019-05-16T12:00:00.000Z", deployed_at: "2019-05-17T08:00:00.000Z", pickup_seconds: t("2019-05-15T16:00:00Z") / 1000 - t(opened.pull_request.created_at) / 1000, deploy_seconds: 20 * 3600 }),
    ]);
    const csv = await metricsApi(`/api/v1/repos/${OWNER}/${REPO}/pulls`, "from=2019-05-01&to=2019-05-20&format=csv");
    expect(String(csv.body).split("\r\n")[0]).toMatch(/^repo,number,title,author,author_is_bot,first_commit_at,/);
    const dora = await metricsApi(`/api/v1/repos/${OWNER}/${REPO}/dora`, "from=2019-05-13&to=2019-05-20");
    expect(dora.body.deployment_frequency).toMatchObject({ deployments: 2, per_week: 2 });
    expect(dora.body.lead_time).toEqual({ changes: 1, median_seconds: (t("2019-05-17T08:00:00Z") - t("2019-05-13T09:00:00Z")) / 1000, band: "high" });
    const cycle = await metricsApi(`/api/v1/repos/${OWNER}/${REPO}/cycle-time`, "from=2019-05-13&to=2019-05-20&bucket=week");
    expect(cycle.body.rows.find((row: Payload) => row.phase === "deploy")).toMatchObject({ bucket_start: "2019-05-13T00:00:00.000Z", count: 1, median_seconds: 20 * 3600 });
  });

  it("answers 400 with the reason for bad input", async () => {
    await receive("pull_request", example("pull_request", "opened"));
    await expect(metricsApi(`/api/v1/repos/${OWNER}/${REPO}/cycle-time`, "bucket=fortnight")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("bucket") });
    await expect(metricsApi(`/api/v1/repos/${OWNER}/${REPO}/pulls`, "from=yesterday")).rejects.toMatchObject({ status: 400, message: expect.stringContaining("from") });
  });

  it("records incident issues by label, and their closing", async () => {
    const labeled = example<Payload>("issues", "labeled");
    labeled.issue.labels = [{ name: "Incident" }];
    Object.assign(labeled.issue, { created_at: "2019-05-15T10:00:00Z", updated_at: "2019-05-15T10:00:00Z" });
    await receive("issues", labeled);
    const closed = structuredClone(labeled);
    closed.action = "closed";
    Object.assign(closed.issue, { state: "closed", closed_at: "2019-05-15T13:00:00Z", updated_at: "2019-05-15T13:00:00Z" });
    await receive("issues", closed);
    const other = example<Payload>("issues", "labeled");
    other.issue.number = 99;
    other.issue.labels = [{ name: "bug" }];
    await receive("issues", other);
    expect(await listIncidents(app.db, { repoIds: [REPO_ID], from: 0, to: t("2020-01-01T00:00:00Z") })).toEqual([
      { repoId: REPO_ID, number: labeled.issue.number, title: labeled.issue.title, openedAt: t("2019-05-15T10:00:00Z"), closedAt: t("2019-05-15T13:00:00Z") },
    ]);
  });
});
