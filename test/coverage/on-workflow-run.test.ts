import { beforeEach, describe, expect, it } from "vitest";
import { saveReport } from "../helpers/save-report.js";
import { parseReport } from "../../src/coverage/parse-report.js";
import { repoKey } from "../../src/store/coverage.js";
import { useTestApp } from "../helpers/test-app.js";
import { GO_LINES } from "../../src/coverage/judge-coverage.js";
import { BASE, fixture, hasArtifacts, hasOpenPullRequest, hasWorkflowRuns, HEAD, workflowRunCompleted } from "./workflow-run-fixture.js";

describe("workflow_run.completed -> shipshape/coverage", () => {
  const { app, github } = useTestApp();
  let owner: string;
  let repo: string;
  beforeEach(() => {
    const payload = workflowRunCompleted(101);
    owner = payload.repository.owner.login;
    repo = payload.repository.name;
    hasOpenPullRequest(github, payload);
  });

  const receive = (payload: unknown, id = "d1") => app.probot.receive({ id, name: "workflow_run", payload } as never);
  const storeBase = (report: string) =>
    saveReport(app.db, { repo: repoKey(owner, repo), sha: BASE, branch: "main", report: parseReport(fixture(`base/${report}`), report), now: 1 });
  const paths = () => github.requests.map((request) => `${request.method} ${request.path}`);

  it("downloads the artifact via the 302, judges patch and project against the base, and posts the check", async () => {
    await storeBase("js.lcov.info");
    hasArtifacts(github, { owner, repo, runId: 101, artifacts: [{ id: 55, name: "coverage", files: [{ name: "lcov.info", data: fixture("head/js.lcov.info") }, { name: "lcov-report/index.html", data: "<html></html>" }] }, { id: 56, name: "logs", files: [] }] });
    hasWorkflowRuns(github, { owner, repo, runs: [{ id: 101, status: "completed" }] });
    await receive(workflowRunCompleted(101));
    expect(github.unhandled).toEqual([]);
    expect(paths()).toEqual([
      `GET /repos/${owner}/${repo}/contents/.github%2Fshipshape.yml`,
      `GET /repos/${owner}/.github/contents/.github%2Fshipshape.yml`,
      `GET /repos/${owner}/${repo}/actions/runs/101/artifacts`,
      `GET /repos/${owner}/${repo}/actions/artifacts/55/zip`,
      `GET /repos/${owner}/${repo}/actions/runs`,
      `GET /repos/${owner}/${repo}/pulls/7`,
      `GET /repos/${owner}/${repo}/pulls/7/files`,
      `POST /repos/${owner}/${repo}/check-runs`,
    ]);
    const run = github.checkRun("shipshape/coverage", HEAD);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run?.output.title).toBe("Cover 4 more changed lines in js/src/coupon.js (patch 64%, target 80%)");
    expect(run?.output.summary).toContain("75.4% at a1b2c3d, the PR's base commit");
    // 4 ranges of lines that never ran, 2 partial lines (a branch not taken; `partials: miss`).
    expect(run?.annotations).toHaveLength(6);
    expect(run?.output.summary).not.toContain("Go counts lines");
  });

  it("is neutral, naming the artifact, when no run of the SHA uploaded it", async () => {
    hasArtifacts(github, { owner, repo, runId: 101, artifacts: [{ id: 56, name: "logs", files: [] }] });
    hasWorkflowRuns(github, { owner, repo, runs: [{ id: 101, status: "completed" }] });
    await receive(workflowRunCompleted(101, "Lint"));
    expect(github.unhandled).toEqual([]);
    const run = github.checkRun("shipshape/coverage", HEAD);
    expect(run).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(run?.output.title).toBe('Upload an artifact named "coverage" to judge coverage');
    expect(run?.output.summary).toContain("(finished: Lint)");
    expect(paths()).not.toContain(`GET /repos/${owner}/${repo}/pulls/7/files`);
  });

  it("stays in_progress while another run is out, then merges both runs' reports", async () => {
    await storeBase("js.lcov.info");
    hasArtifacts(github, { owner, repo, runId: 101, artifacts: [{ id: 55, name: "coverage-js", files: [{ name: "lcov.info", data: fixture("head/js.lcov.info") }] }] });
    hasArtifacts(github, { owner, repo, runId: 102, artifacts: [{ id: 57, name: "coverage-go", files: [{ name: "cover.out", data: fixture("head/go.coverprofile") }] }] });
    github.hasConfig(owner, repo, "coverage:\n  artifact: coverage-*\n");
    hasWorkflowRuns(github, { owner, repo, runs: [{ id: 101, status: "completed" }, { id: 102, status: "in_progress" }] });
    await receive(workflowRunCompleted(101, "JS"), "d1");
    expect(github.checkRun("shipshape/coverage", HEAD)).toMatchObject({ status: "in_progress", output: { title: "Waiting for 1 more workflow run" } });

    hasWorkflowRuns(github, { owner, repo, runs: [{ id: 101, status: "completed" }, { id: 102, status: "completed" }] });
    await receive(workflowRunCompleted(102, "Go"), "d2");
    expect(github.unhandled).toEqual([]);
    const run = github.checkRun("shipshape/coverage", HEAD);
    expect(github.checkRuns.filter((candidate) => candidate.name === "shipshape/coverage")).toHaveLength(1);
    // JS 16/25 (Codecov's rule: 2 partial lines) and Go 1/8 changed lines -> 17/33 = 51.5%; the base only had JS.
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run?.output.title).toMatch(/^Cover 10 more changed lines in .* \(patch 51\.5%, target 80%\)/);
    // A Go profile went in: the summary says once why its figure is not `go test -cover`'s.
    expect((run?.output.summary ?? "").split("\n").filter((line) => line === GO_LINES)).toHaveLength(1);
  });

  it("falls back to the newest ancestor with a report, else says the base is unknown", async () => {
    hasArtifacts(github, { owner, repo, runId: 101, artifacts: [{ id: 55, name: "coverage", files: [{ name: "cobertura.xml", data: fixture("head/py.cobertura.xml") }] }] });
    hasWorkflowRuns(github, { owner, repo, runs: [{ id: 101, status: "completed" }] });
    github.route("GET", new RegExp(`^/repos/${owner}/${repo}/commits$`), () => [200, [{ sha: BASE }, { sha: "0ld0000" }]]);
    await receive(workflowRunCompleted(101));
    expect(github.unhandled).toEqual([]);
    const run = github.checkRun("shipshape/coverage", HEAD);
    expect(run?.output.title).toBe("Cover 4 more changed lines in py/shop.py (patch 37.5%, target 80%)");
    expect(run?.output.summary).toContain("A missing base never fails the check.");
    // Patch 37.5% still fails on its own; the missing base adds nothing.
    expect(run?.conclusion).toBe("failure");
  });
});
