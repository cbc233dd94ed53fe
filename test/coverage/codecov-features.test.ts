import { beforeEach, describe, expect, it } from "vitest";
import { saveReport } from "../helpers/save-report.js";
import { example } from "../helpers/examples.js";
import { parseReport } from "../../src/coverage/parse-report.js";
import { repoKey } from "../../src/store/coverage.js";
import { invalidateConfig } from "../../src/gather/config-cache.js";
import { useTestApp } from "../helpers/test-app.js";
import { BASE, fixture, hasArtifacts, hasOpenPullRequest, hasWorkflowRuns, HEAD, workflowRunCompleted } from "./workflow-run-fixture.js";

// What teams coming from Codecov expect (issue 15, ADR 0035), through the real app on real
// workflow_run.completed and check_suite.completed payloads (@octokit/webhooks-examples).
// Figures of the fixture PR (see judge-coverage.test.ts): JS patch 18/25 = 72%, project 80.5% vs
// base 78.7% (+1.8); Go patch 1/8 = 12.5%, project 47.1% vs 50% (−2.9).
// These figures were checked by hand with partial lines counted as hits (the JS fixture: 18 of 25
// changed lines); `coverage.partials` itself is tested in judge-coverage.test.ts.
describe("coverage: auto target, threshold, informational, the PR comment", () => {
  const { app, github } = useTestApp();
  let owner: string;
  let repo: string;
  beforeEach(() => {
    const payload = workflowRunCompleted(101);
    owner = payload.repository.owner.login;
    repo = payload.repository.name;
    hasOpenPullRequest(github, payload);
    hasWorkflowRuns(github, { owner, repo, runs: [{ id: 101, status: "completed" }] });
  });

  const receive = (payload: unknown, id = "d1") => app.probot.receive({ id, name: "workflow_run", payload } as never);
  const storeBase = (report: string) =>
    saveReport(app.db, { repo: repoKey(owner, repo), sha: BASE, branch: "main", report: parseReport(fixture(`base/${report}`), report), now: 1 });
  const uploads = (report: string, runId = 101, artifactId = 55) =>
    hasArtifacts(github, { owner, repo, runId, artifacts: [{ id: artifactId, name: "coverage", files: [{ name: report.endsWith(".coverprofile") ? "cover.out" : "lcov.info", data: fixture(`head/${report}`) }] }] });
  const paths = () => github.requests.map((request) => `${request.method} ${request.path}`);

  it("patch.target: auto takes the base's project figure as the target", async () => {
    github.hasConfig(owner, repo, "coverage:\n  partials: hit\n  patch:\n    target: auto\n");
    await storeBase("js.lcov.info");
    uploads("js.lcov.info");
    await receive(workflowRunCompleted(101));
    expect(github.unhandled).toEqual([]);
    expect(paths()).toEqual([
      `GET /repos/${owner}/${repo}/contents/.github%2Fshipshape.yml`,
      `GET /repos/${owner}/${repo}/actions/runs/101/artifacts`,
      `GET /repos/${owner}/${repo}/actions/artifacts/55/zip`,
      `GET /repos/${owner}/${repo}/actions/runs`,
      `GET /repos/${owner}/${repo}/pulls/7`,
      `GET /repos/${owner}/${repo}/pulls/7/files`,
      `POST /repos/${owner}/${repo}/check-runs`,
    ]);
    const run = github.checkRun("shipshape/coverage", HEAD);
    // 78.7% of 25 changed lines = 19.7, so 20 covered lines are needed: 2 more than the 18.
    expect(run).toMatchObject({ conclusion: "failure", output: { title: "Cover 2 more changed lines in js/src/coupon.js (patch 72%, target 78.7%)" } });
    expect(run?.output.summary).toContain("the target is 78.7% (auto: the base's project coverage). Cover 2 more to pass.");
  });

  it("patch.target: auto without any base report shows the patch, does not judge it, and is neutral", async () => {
    github.hasConfig(owner, repo, "coverage:\n  partials: hit\n  patch:\n    target: auto\n");
    github.route("GET", new RegExp(`^/repos/${owner}/${repo}/commits$`), () => [200, [{ sha: BASE }]]);
    uploads("js.lcov.info");
    await receive(workflowRunCompleted(101));
    expect(github.unhandled).toEqual([]);
    const run = github.checkRun("shipshape/coverage", HEAD);
    expect(run).toMatchObject({ conclusion: "neutral", output: { title: "Upload coverage for the base branch to judge the patch against auto" } });
    expect(run?.output.summary).toContain("It is not judged: `patch.target: auto` takes the base's project coverage as the target");
    expect(run?.output.summary).toContain("the project delta is unknown");
  });

  it.each([
    ["patch.threshold lowers the pass mark", "coverage:\n  partials: hit\n  patch:\n    threshold: 8\n", "js.lcov.info", "success", "Patch 72% (target 80%) · project 80.5% (+1.8 pts vs base a1b2c3d)"],
    ["a patch threshold too small still fails, and says so", "coverage:\n  partials: hit\n  patch:\n    threshold: 5\n", "js.lcov.info", "failure", "Cover 1 more changed line in js/src/coupon.js (patch 72%, target 80% − 5)"],
    ["project.threshold replaces max_drop", "coverage:\n  partials: hit\n  patch:\n    target: 10\n  project:\n    threshold: 3\n", "go.coverprofile", "success", "Patch 12.5% (target 10%) · project 47.1% (−2.9 pts vs base a1b2c3d)"],
    ["a project drop past max_drop fails on its own", "coverage:\n  partials: hit\n  patch:\n    target: 10\n", "go.coverprofile", "failure", "Project dropped 2.9 pts; allowed 0.5"],
    ["both figures missing are both named", "", "go.coverprofile", "failure", "Cover 6 more changed lines in go/shop/points.go and 1 other file (patch 12.5%, target 80%) · project dropped 2.9 pts; allowed 0.5"],
    ["an informational patch miss is neutral, never failure", "coverage:\n  partials: hit\n  patch:\n    informational: true\n", "js.lcov.info", "neutral", "Cover 2 more changed lines in js/src/coupon.js (patch 72%, target 80%), informational"],
    ["an informational project drop is neutral", "coverage:\n  partials: hit\n  patch:\n    target: 10\n  project:\n    informational: true\n", "go.coverprofile", "neutral", "Project dropped 2.9 pts; allowed 0.5, informational"],
    ["an informational figure does not soften the other one", "coverage:\n  partials: hit\n  project:\n    informational: true\n", "go.coverprofile", "failure", "Cover 6 more changed lines in go/shop/points.go and 1 other file (patch 12.5%, target 80%) · project dropped 2.9 pts; allowed 0.5, informational"],
  ])("%s", async (_name, yaml, report, conclusion, title) => {
    if (yaml) github.hasConfig(owner, repo, yaml);
    await storeBase(report);
    uploads(report);
    await receive(workflowRunCompleted(101));
    expect(github.unhandled).toEqual([]);
    expect(github.writes().map((request) => `${request.method} ${request.path}`)).toEqual([`POST /repos/${owner}/${repo}/check-runs`]);
    expect(github.checkRun("shipshape/coverage", HEAD)).toMatchObject({ conclusion, output: { title } });
  });
});

describe("coverage.comment: one sticky comment over pushes", () => {
  const { app, github } = useTestApp();
  const SECOND = "2222222bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
  let owner: string;
  let repo: string;
  let head = HEAD;
  beforeEach(() => {
    head = HEAD;
    const payload = workflowRunCompleted(101);
    owner = payload.repository.owner.login;
    repo = payload.repository.name;
    hasOpenPullRequest(github, payload);
    // The PR's head moves with each push: added after the fixture's fixed-head route, so it wins.
    const pr = example<{ pull_request: Record<string, unknown> }>("pull_request", "opened").pull_request;
    github.route("GET", new RegExp(`^/repos/${owner}/${repo}/pulls/7$`), () => [200, { ...pr, number: 7, state: "open", draft: false, head: { ref: "feature/cart", sha: head }, base: { ref: "main", sha: BASE } }]);
    github.route("GET", new RegExp(`^/repos/${owner}/${repo}/actions/runs$`), () => [200, { total_count: 1, workflow_runs: [{ id: 0, status: "completed" }] }]);
  });

  const push = async (params: { sha: string; runId: number; report: string; id: string }) => {
    head = params.sha;
    const payload = workflowRunCompleted(params.runId);
    payload.workflow_run.head_sha = params.sha;
    hasArtifacts(github, { owner, repo, runId: params.runId, artifacts: [{ id: params.runId + 1000, name: "coverage", files: [{ name: "lcov.info", data: fixture(params.report) }] }] });
    await app.probot.receive({ id: params.id, name: "workflow_run", payload } as never);
  };
  const storeBase = () => saveReport(app.db, { repo: repoKey(owner, repo), sha: BASE, branch: "main", report: parseReport(fixture("base/js.lcov.info"), "lcov.info"), now: 1 });
  const commentWrites = () => github.writes().filter((request) => request.path.includes("/comments")).map((request) => `${request.method} ${request.path}`);

  it("always: posts one comment with both figures, the base and the changed files, then edits it on the next push", async () => {
    github.hasConfig(owner, repo, "coverage:\n  partials: hit\n  comment: always\n");
    await storeBase();
    await push({ sha: HEAD, runId: 101, report: "head/js.lcov.info", id: "d1" });
    expect(github.unhandled).toEqual([]);
    expect(github.comments).toHaveLength(1);
    const first = github.comments[0]!;
    expect(first.body).toBe(
      [
        "<!-- shipshape:coverage -->",
        "**Cover 2 more changed lines in js/src/coupon.js (patch 72%, target 80%)**",
        "",
        "Coverage of 1111111 fails. Base: a1b2c3d (the PR's base commit).",
        "",
        "| Figure | Value | Target | Verdict |",
        "|---|---|---|---|",
        "| Patch | 72% (18 of 25 changed lines) | 80% | misses: cover 2 more |",
        "| Project | 80.5% (+1.8 pts vs 78.7%) | drop at most 0.5 pts | holds |",
        "",
        "### Changed files",
        "",
        "| File | Patch | Uncovered changed lines | File coverage | vs base |",
        "|---|---:|---:|---:|---:|",
        "| `js/src/coupon.js` | 69.2% | 4 | 69.2% | new |",
        "| `js/src/price.js` | 33.3% | 2 | 75% | −7.4 pts |",
        "| `js/src/util/money.js` | 0% | 1 | 64.3% | ±0 pts |",
        "| `js/src/cart.js` | 100% | 0 | 94.3% | +11 pts |",
        "",
        "<sub>Edited in place on every push; set `coverage.comment` in .github/shipshape.yml to `off`, `on-failure` or `always`.</sub>",
      ].join("\n"),
    );

    // The second push (new head SHA, same figures): the same comment is edited, never a second one.
    await push({ sha: SECOND, runId: 102, report: "head/js.lcov.info", id: "d2" });
    expect(github.unhandled).toEqual([]);
    expect(github.comments).toHaveLength(1);
    expect(commentWrites()).toEqual([`POST /repos/${owner}/${repo}/issues/7/comments`, `PATCH /repos/${owner}/${repo}/issues/comments/${first.id}`]);
    expect(github.comments[0]!.body).toContain("Coverage of 2222222 fails.");

    // The same delivery again (a redelivery) changes no outcome: no write at all.
    const before = github.writes().length;
    await push({ sha: SECOND, runId: 102, report: "head/js.lcov.info", id: "d2" });
    expect(github.writes().length).toBe(before);
  });

  it("on-failure: nothing while the figures hold, one comment once one misses", async () => {
    github.hasConfig(owner, repo, "coverage:\n  partials: hit\n  comment: on-failure\n  patch:\n    target: 50\n");
    await storeBase();
    await push({ sha: HEAD, runId: 101, report: "head/js.lcov.info", id: "d1" });
    expect(github.checkRun("shipshape/coverage", HEAD)?.conclusion).toBe("success");
    expect(commentWrites()).toEqual([]);
    // The team raises the target; the next push misses it (25 × 90% = 22.5, so 23 covered lines: 5 more).
    github.hasConfig(owner, repo, "coverage:\n  partials: hit\n  comment: on-failure\n  patch:\n    target: 90\n");
    invalidateConfig(app.deps.caches.config, owner, repo);
    await push({ sha: SECOND, runId: 102, report: "head/js.lcov.info", id: "d2" });
    expect(github.unhandled).toEqual([]);
    expect(commentWrites()).toEqual([`POST /repos/${owner}/${repo}/issues/7/comments`]);
    expect(github.comments[0]!.body).toContain("misses: cover 5 more");
  });
});

describe("check_suite.completed: CI finished and no workflow ran for the head", () => {
  const { app, github } = useTestApp();
  type SuitePayload = { repository: { id: number; name: string; owner: { login: string } }; check_suite: Record<string, unknown>; workflow_run: { id: number; head_sha: string } };
  let payload: SuitePayload;
  let owner: string;
  let repo: string;
  beforeEach(() => {
    payload = example<SuitePayload>("check_suite", "completed");
    owner = payload.repository.owner.login;
    repo = payload.repository.name;
    const repoId = payload.repository.id;
    Object.assign(payload.check_suite, {
      head_sha: HEAD,
      updated_at: "2024-06-03T10:05:00Z",
      pull_requests: [{ number: 7, id: 1, url: "", head: { ref: "feature/cart", sha: HEAD, repo: { id: repoId, url: "", name: repo } }, base: { ref: "main", sha: BASE, repo: { id: repoId, url: "", name: repo } } }],
    });
    hasOpenPullRequest(github, payload);
  });
  const receive = (id = "s1") => app.probot.receive({ id, name: "check_suite", payload } as never);
  const paths = () => github.requests.map((request) => `${request.method} ${request.path}`);

  it("concludes neutral by default, naming why, in three requests", async () => {
    hasWorkflowRuns(github, { owner, repo, runs: [] });
    await receive();
    expect(github.unhandled).toEqual([]);
    expect(paths()).toEqual([
      `GET /repos/${owner}/${repo}/contents/.github%2Fshipshape.yml`,
      `GET /repos/${owner}/.github/contents/.github%2Fshipshape.yml`,
      `GET /repos/${owner}/${repo}/actions/runs`,
      `GET /repos/${owner}/${repo}/pulls/7`,
      `POST /repos/${owner}/${repo}/check-runs`,
    ]);
    expect(github.requests[2]?.query).toMatchObject({ head_sha: HEAD });
    const run = github.checkRun("shipshape/coverage", HEAD);
    expect(run).toMatchObject({ status: "completed", conclusion: "neutral", output: { title: 'Upload an artifact named "coverage" to judge coverage' } });
    expect(run?.output.summary).toContain("no workflow ran for it (path filters left every workflow out)");
    expect(run?.output.summary).toContain("`coverage.if_no_report: success`");

    // Another suite completing for the same head changes nothing and asks GitHub nothing.
    const before = github.requests.length;
    await receive("s2");
    expect(github.requests.length).toBe(before);
  });

  it("concludes success with coverage.if_no_report: success", async () => {
    github.hasConfig(owner, repo, "coverage:\n  partials: hit\n  if_no_report: success\n");
    hasWorkflowRuns(github, { owner, repo, runs: [] });
    await receive();
    expect(github.unhandled).toEqual([]);
    expect(github.checkRun("shipshape/coverage", HEAD)).toMatchObject({ conclusion: "success", output: { title: "No coverage report for this commit: nothing to judge" } });
  });

  it("leaves a head with workflow runs to their workflow_run events: no write", async () => {
    hasWorkflowRuns(github, { owner, repo, runs: [{ id: 101, status: "in_progress" }] });
    await receive();
    expect(github.unhandled).toEqual([]);
    expect(github.writes()).toEqual([]);
  });

  it("asks GitHub nothing for a head whose coverage is already known", async () => {
    await saveReport(app.db, { repo: repoKey(owner, repo), sha: HEAD, branch: "feature/cart", report: parseReport(fixture("head/js.lcov.info"), "lcov.info"), now: 1 });
    await receive();
    expect(github.requests).toEqual([]);
  });
});
