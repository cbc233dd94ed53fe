import { beforeEach, describe, expect, it } from "vitest";
import { saveReport } from "../helpers/save-report.js";
import { parseReport } from "../../src/coverage/parse-report.js";
import { recordCoverageRun, repoKey } from "../../src/store/coverage.js";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";
import { fixture } from "./workflow-run-fixture.js";
import { prFilesFromGitDiff } from "./pr-files.js";

interface PrPayload {
  repository: { owner: { login: string }; name: string };
  pull_request: { number: number; head: { sha: string }; base: { sha: string; ref: string } };
}

describe("shipshape/coverage on pull_request events", () => {
  const { app, github } = useTestApp();
  let payload: PrPayload;
  let owner: string;
  let repo: string;
  beforeEach(() => {
    payload = example<PrPayload>("pull_request", "synchronize");
    owner = payload.repository.owner.login;
    repo = payload.repository.name;
    github.hasConfig(owner, repo, "tickets:\n  enabled: false\nadr:\n  enabled: false\n");
    github.hasPullRequestFiles(payload.pull_request.number, prFilesFromGitDiff(fixture("pr.diff").toString("utf8")).map((file) => ({ filename: file.filename, status: file.status, ...(file.patch ? { patch: file.patch } : {}) })));
  });

  const receive = (action: string, id: string) => app.probot.receive({ id, name: "pull_request", payload: { ...payload, action } } as never);
  const store = (sha: string, report: string, branch: string | null) =>
    saveReport(app.db, { repo: repoKey(owner, repo), sha, branch, report: parseReport(fixture(report), report), now: 1 });

  it("posts nothing and asks GitHub nothing on synchronize when the head has no report yet", async () => {
    await receive("synchronize", "s1");
    expect(github.unhandled).toEqual([]);
    expect(github.checkRun("shipshape/coverage")).toBeUndefined();
    // The config read and the files listing the config check makes on synchronize; none of coverage's own.
    expect(github.requests.map((request) => request.path)).toEqual([`/repos/${owner}/${repo}/contents/.github%2Fshipshape.yml`, `/repos/${owner}/${repo}/pulls/${payload.pull_request.number}/files`]);
  });

  it("judges from stored reports on a later event, with the newest ancestor as base", async () => {
    const { head, base } = payload.pull_request;
    const ancestor = "9".repeat(40);
    await store(head.sha, "head/js.cobertura.xml", "feature");
    await store(ancestor, "base/js.cobertura.xml", "main");
    await recordCoverageRun(app.db, { repo: repoKey(owner, repo), sha: head.sha, run_id: 1, run_name: "CI", outcome: "report", detail: null, others_pending: 0, completed_at: 1 });
    github.route("GET", new RegExp(`^/repos/${owner}/${repo}/commits$`), (request) => [200, request.query.sha === base.sha ? [{ sha: base.sha }, { sha: ancestor }] : []]);
    await receive("labeled", "l1");
    expect(github.unhandled).toEqual([]);
    const run = github.checkRun("shipshape/coverage", head.sha);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run?.output.title).toBe("Cover 4 more changed lines in js/src/coupon.js (patch 64%, target 80%)");
    expect(run?.output.summary).toContain("the newest ancestor on the base branch with a report (the base commit itself has none)");

    // The same facts again: nothing is written.
    const writes = github.writes().length;
    await receive("unlabeled", "l2");
    expect(github.writes()).toHaveLength(writes);
  });
});
