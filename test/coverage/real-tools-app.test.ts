import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/test-app.js";
import { prFilesFromGitDiff } from "./pr-files.js";
import { hasArtifacts, hasOpenPullRequest, hasWorkflowRuns, HEAD, workflowRunCompleted } from "./workflow-run-fixture.js";

const real = (name: string) => readFileSync(new URL(`../fixtures/coverage/real/${name}`, import.meta.url));

// The cJSON case of issue 15 through the app: a PR that only adds bounds checks to parse.c
// (c/patch.diff), with gcov + lcov's real report of the patched code. The checks' lines ran, their
// error paths never did. Every GitHub request is asserted; no base report is stored.
describe("coverage: a security patch whose error paths never ran, end to end", () => {
  const { app, github } = useTestApp();
  let owner: string;
  let repo: string;
  beforeEach(() => {
    const payload = workflowRunCompleted(101);
    owner = payload.repository.owner.login;
    repo = payload.repository.name;
    hasOpenPullRequest(github, payload);
    github.hasPullRequestFiles(7, prFilesFromGitDiff(real("c/patch.diff").toString("utf8")).map((file) => ({ filename: file.filename, status: file.status, additions: file.additions, deletions: file.deletions, patch: file.patch! })));
    hasWorkflowRuns(github, { owner, repo, runs: [{ id: 101, status: "completed" }] });
    github.route("GET", new RegExp(`^/repos/${owner}/${repo}/commits$`), () => [200, []]);
    hasArtifacts(github, { owner, repo, runId: 101, artifacts: [{ id: 55, name: "coverage", files: [{ name: "lcov.info", data: real("c/lcov.info") }] }] });
  });

  const run = async () => {
    await app.probot.receive({ id: "d1", name: "workflow_run", payload: workflowRunCompleted(101) } as never);
    expect(github.unhandled).toEqual([]);
    expect(github.writes().map((request) => `${request.method} ${request.path}`)).toEqual([`POST /repos/${owner}/${repo}/check-runs`]);
    const check = github.checkRun("shipshape/coverage", HEAD);
    return check;
  };

  it("fails under the default partials: miss (Codecov's rule): 0 of 3 changed lines", async () => {
    const check = await run();
    expect(check?.conclusion).toBe("failure");
    expect(check?.output.title).toBe("Cover 3 more changed lines in parse.c (patch 0%, target 80%)");
  });

  it("passes under partials: hit, where every changed line counts as run", async () => {
    github.hasConfig(owner, repo, "coverage:\n  partials: hit\n");
    const check = await run();
    expect(check?.conclusion).toBe("success");
    expect(check?.output.title).toBe("Patch 100% (target 80%) · project 94.3% (base unknown)");
  });
});
