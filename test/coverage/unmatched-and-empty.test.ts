import { beforeEach, describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/test-app.js";
import { fixture, hasArtifacts, hasOpenPullRequest, hasWorkflowRuns, HEAD, workflowRunCompleted } from "./workflow-run-fixture.js";

// Issue 15, "files the report and the PR do not agree on are never silently dropped" and "empty is
// not success", through the real app on a real workflow_run.completed payload, every GitHub
// request asserted. No base report is stored: each test judges the head alone.
describe("coverage: unmatched changed files and empty reports, end to end", () => {
  const { app, github } = useTestApp();
  let owner: string;
  let repo: string;
  beforeEach(() => {
    const payload = workflowRunCompleted(101);
    owner = payload.repository.owner.login;
    repo = payload.repository.name;
    hasOpenPullRequest(github, payload);
    hasWorkflowRuns(github, { owner, repo, runs: [{ id: 101, status: "completed" }] });
    // The base commit has no report and neither has any ancestor.
    github.route("GET", new RegExp(`^/repos/${owner}/${repo}/commits$`), () => [200, []]);
  });

  const run = async (files: Array<{ name: string; data: Buffer | string }>) => {
    hasArtifacts(github, { owner, repo, runId: 101, artifacts: [{ id: 55, name: "coverage", files }] });
    await app.probot.receive({ id: "d1", name: "workflow_run", payload: workflowRunCompleted(101) } as never);
    expect(github.unhandled).toEqual([]);
    return github.checkRun("shipshape/coverage", HEAD);
  };
  const judgedRequests = () => [
    `GET /repos/${owner}/${repo}/contents/.github%2Fshipshape.yml`,
    `GET /repos/${owner}/.github/contents/.github%2Fshipshape.yml`,
    `GET /repos/${owner}/${repo}/actions/runs/101/artifacts`,
    `GET /repos/${owner}/${repo}/actions/artifacts/55/zip`,
    `GET /repos/${owner}/${repo}/actions/runs`,
    `GET /repos/${owner}/${repo}/pulls/7`,
    `GET /repos/${owner}/${repo}/pulls/7/files`,
  ];
  const paths = () => github.requests.map((request) => `${request.method} ${request.path}`);
  // coverage.py's Cobertura report of the py project, as it reads when the package was installed
  // and measured from site-packages rather than from the checkout (the CPython layout of issue 15).
  const installedPy = () => fixture("head/py.cobertura.xml").toString("utf8").replace("/home/runner/work/cart-demo/cart-demo/py", "/usr/lib/python3.11/site-packages");

  it("names a changed source file the report does not have, and still judges the others", async () => {
    // c8's LCOV of the js project without src/price.js (a test run that never loaded it).
    const lcov = fixture("head/js.lcov.info").toString("utf8");
    const records = lcov.split(/(?<=end_of_record\n)/);
    const withoutPrice = records.filter((record) => !record.includes("SF:src/price.js")).join("");
    expect(records.length - withoutPrice.split(/(?<=end_of_record\n)/).length).toBe(1);
    const check = await run([{ name: "lcov.info", data: withoutPrice }]);
    expect(paths()).toEqual([...judgedRequests(), `GET /repos/${owner}/${repo}/commits`, `POST /repos/${owner}/${repo}/check-runs`]);
    expect(check?.conclusion).toBe("failure");
    expect(check?.output.summary).toContain(
      "**Not in the report:** 2 changed source file(s), so their lines were not judged: `js/src/price.js`, `js/test.js`. If the report names them differently, add a `coverage.paths` fix; if they are not meant to be measured, list them in `coverage.ignore`.",
    );
    // The test file is named too: it is a changed .js file the report does not have (list it in
    // coverage.ignore when that is meant). The Go, Java and Python files are not expected in a JS
    // report: they are not named.
    expect(check?.output.summary).not.toContain("py/shop.py");
  });

  it("concludes neutral, naming every changed source file, when none of them is in the report", async () => {
    const check = await run([{ name: "coverage.xml", data: installedPy() }]);
    // Nothing matched: no figure is shown (the base was looked for with the PR's files).
    expect(paths()).toEqual([...judgedRequests(), `GET /repos/${owner}/${repo}/commits`, `POST /repos/${owner}/${repo}/check-runs`]);
    expect(check).toMatchObject({ status: "completed", conclusion: "neutral", output: { title: "Fix the report's paths: none of the 2 changed source files are in it" } });
    expect(check?.output.summary).toContain("but none under the paths this PR changes, so patch coverage cannot be judged: `py/money.py`, `py/shop.py`.");
    expect(check?.output.summary).toContain("`coverage.paths`");
  });

  it("judges the same report once coverage.paths maps its paths to the repository's", async () => {
    github.hasConfig(owner, repo, 'coverage:\n  paths: ["/usr/lib/python3.11/site-packages/::py/"]\n');
    const check = await run([{ name: "coverage.xml", data: installedPy() }]);
    expect(github.writes().map((request) => `${request.method} ${request.path}`)).toEqual([`POST /repos/${owner}/${repo}/check-runs`]);
    expect(check?.output.title).toBe("Cover 4 more changed lines in py/shop.py (patch 37.5%, target 80%)");
    expect(check?.output.summary).not.toContain("Not in the report");
  });

  it.each([
    ["an empty Istanbul object", "coverage-final.json", "{}", "lists no file"],
    ["a Cobertura report without classes", "coverage.xml", '<?xml version="1.0" ?>\n<coverage version="7.4.0" line-rate="0" branch-rate="0" lines-covered="0" lines-valid="0">\n\t<sources><source>/home/runner/work/cart-demo/cart-demo</source></sources>\n\t<packages/>\n</coverage>\n', "lists no file"],
    ["an LCOV file with function records only", "lcov.info", "TN:\nSF:src/cart.js\nFN:1,total\nFNDA:3,total\nFNF:1\nFNH:1\nend_of_record\n", "lists 1 file but not one coverable line"],
  ])("concludes neutral with the reason for %s", async (_name, file, data, lists) => {
    const check = await run([{ name: file, data }]);
    // An empty report is known before the PR's files are needed.
    expect(paths()).toEqual([...judgedRequests().slice(0, 6), `POST /repos/${owner}/${repo}/check-runs`]);
    expect(check).toMatchObject({ status: "completed", conclusion: "neutral", output: { title: "Fix the coverage report: it has no line data" } });
    expect(check?.output.summary).toContain(`The report for 1111111 ${lists}, so there is nothing to judge.`);
    expect(check?.output.summary).toContain("`shipshape coverage read FILE` shows what Shipshape reads");
  });
});
