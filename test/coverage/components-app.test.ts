import { beforeEach, describe, expect, it } from "vitest";
import { componentPrefixes } from "../../src/coverage/component-prefixes.js";
import { parseReport } from "../../src/coverage/parse-report.js";
import { configSchema } from "../../src/config/schema.js";
import type { GitHub } from "../../src/github/octokit.js";
import { coverageComponentsOf } from "../../src/handlers/on-coverage-upload.js";
import { coverageUploadRoute } from "../../src/http/coverage-upload-route.js";
import { HttpError, type HttpRequest } from "../../src/http/types.js";
import { loadFileTotals, repoKey } from "../../src/store/coverage.js";
import { createUploadToken } from "../../src/store/upload-tokens.js";
import { saveReport } from "../helpers/save-report.js";
import { useTestApp } from "../helpers/test-app.js";
import { prFilesFromGitDiff } from "./pr-files.js";
import { BASE, fixture, hasArtifacts, hasOpenPullRequest, hasWorkflowRuns, HEAD, workflowRunCompleted } from "./workflow-run-fixture.js";

// A monorepo with two packages, web and api, each running c8 from its own folder, so both reports
// say SF:src/cart.js (c8's real reports of the fixture project). The PR is the fixture's JS change
// made in both packages. Each package is a component with its own patch target.
const CONFIG = [
  "coverage:",
  '  artifact: "coverage-*"',
  "  partials: hit",
  "  comment: always",
  "  patch: { target: 70 }",
  "  components:",
  '    - { name: web, paths: ["packages/web/**"], prefix: packages/web/, artifact: coverage-web }',
  '    - { name: api, paths: ["packages/api/**"], prefix: packages/api/, artifact: coverage-api, patch: { target: 90 }, project: { max_drop: 0 } }',
  "",
].join("\n");

function monorepoFiles() {
  const diff = fixture("pr.diff").toString("utf8");
  const js = diff.split(/^(?=diff --git )/m).filter((chunk) => chunk.startsWith("diff --git a/js/")).join("");
  const under = (folder: string) => js.replaceAll(" a/js/", ` a/packages/${folder}/`).replaceAll(" b/js/", ` b/packages/${folder}/`);
  return prFilesFromGitDiff(under("web") + under("api")).map((file) => ({
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    ...(file.patch === undefined ? {} : { patch: file.patch }),
    ...(file.previousFilename ? { previous_filename: file.previousFilename } : {}),
  }));
}

describe("coverage.components through the app: each package judged by its own targets", () => {
  const { app, github } = useTestApp();
  let owner: string;
  let repo: string;
  beforeEach(() => {
    const payload = workflowRunCompleted(101);
    owner = payload.repository.owner.login;
    repo = payload.repository.name;
    hasOpenPullRequest(github, payload);
    github.hasPullRequestFiles(7, monorepoFiles());
    hasWorkflowRuns(github, { owner, repo, runs: [{ id: 101, status: "completed" }] });
    github.hasConfig(owner, repo, CONFIG);
  });

  const storeBase = async () => {
    const { components } = configSchema.parse({ coverage: { components: [{ name: "web", paths: ["packages/web/**"], prefix: "packages/web/" }, { name: "api", paths: ["packages/api/**"], prefix: "packages/api/" }] } }).coverage;
    for (const component of components) {
      const report = parseReport(fixture("base/js.lcov.info"), "lcov.info", componentPrefixes(components, { component }));
      await saveReport(app.db, { repo: repoKey(owner, repo), sha: BASE, branch: "main", report, now: 1 });
    }
  };

  it("reads each artifact under its prefix, fails on the component that misses its own target, and says so", async () => {
    await storeBase();
    hasArtifacts(github, {
      owner,
      repo,
      runId: 101,
      artifacts: [
        { id: 55, name: "coverage-web", files: [{ name: "lcov.info", data: fixture("head/js.lcov.info") }] },
        { id: 56, name: "coverage-api", files: [{ name: "lcov.info", data: fixture("head/js.lcov.info") }] },
      ],
    });
    await app.probot.receive({ id: "d1", name: "workflow_run", payload: workflowRunCompleted(101) } as never);
    expect(github.unhandled).toEqual([]);
    expect(github.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /repos/${owner}/${repo}/contents/.github%2Fshipshape.yml`,
      `GET /repos/${owner}/${repo}/actions/runs/101/artifacts`,
      `GET /repos/${owner}/${repo}/actions/artifacts/55/zip`,
      `GET /repos/${owner}/${repo}/actions/artifacts/56/zip`,
      `GET /repos/${owner}/${repo}/actions/runs`,
      `GET /repos/${owner}/${repo}/pulls/7`,
      `GET /repos/${owner}/${repo}/pulls/7/files`,
      `POST /repos/${owner}/${repo}/check-runs`,
      `GET /repos/${owner}/${repo}/issues/7/comments`,
      `POST /repos/${owner}/${repo}/issues/7/comments`,
    ]);
    // Two packages' SF:src/cart.js stayed two files.
    const stored = await loadFileTotals(app.db, { repo: repoKey(owner, repo), sha: HEAD });
    expect([...stored.keys()].sort()).toEqual(["packages/api/src/cart.js", "packages/api/src/coupon.js", "packages/api/src/price.js", "packages/api/src/util/money.js", "packages/web/src/cart.js", "packages/web/src/coupon.js", "packages/web/src/price.js", "packages/web/src/util/money.js"]);

    const run = github.checkRun("shipshape/coverage", HEAD);
    // The whole patch (36 of 50, 72%) passes the section's 70%; api's own 90% is missed: 90% of 25 is 22.5, 5 more than its 18.
    expect(run).toMatchObject({ conclusion: "failure", output: { title: "Component api: cover 5 more changed lines in packages/api/src/coupon.js and 2 other files (patch 72%, target 90%)" } });
    expect(run?.output.summary).toContain("**Patch:** 36 of 50 changed coverable lines are covered (72%); the target is 70%.");
    expect(run?.output.summary).toContain(
      [
        "**Components**, each judged by its own targets (the check fails when one fails):",
        "",
        "| Component | Patch | Project | Verdict |",
        "|---|---|---|---|",
        "| `web` | 72% of 25 changed lines (target 70%) | 80.5% (+1.8 pts, allowed drop 0.5) | holds |",
        "| `api` | 72% of 25 changed lines (target 90%) | 80.5% (+1.8 pts, allowed drop 0) | fails: patch misses: cover 5 more |",
      ].join("\n"),
    );
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]!.body).toContain("### Components\n\n| Component | Patch | Project | Verdict |");
  });
});

describe("an upload flagged with a component gets its prefix", () => {
  const { app, github } = useTestApp();

  const post = async (query: Record<string, string>) => {
    const payload = workflowRunCompleted(1);
    const { name, owner } = { ...payload.repository, owner: payload.repository.owner.login };
    github.route("GET", new RegExp(`^/repos/${owner}/${name}/installation$`), () => [200, { id: 42 }]);
    github.hasConfig(owner, name, CONFIG);
    const token = await createUploadToken(app.db, { repo: `${owner}/${name}`.toLowerCase(), now: 1 });
    const auth = async (installation?: number) => (await app.probot.auth(installation)) as GitHub;
    const route = coverageUploadRoute(app.deps, undefined, coverageComponentsOf({ deps: app.deps, auth }));
    const request: HttpRequest = { method: "POST", path: "", params: { owner, repo: name }, query: new URLSearchParams({ sha: HEAD, ...query }), headers: { authorization: `Bearer ${token}` }, body: async () => fixture("head/js.lcov.info") };
    try {
      return { status: (await route.handle(request)).status, key: repoKey(owner, name), owner, name };
    } catch (error) {
      if (error instanceof HttpError) return { status: error.status, message: error.message, key: repoKey(owner, name), owner, name };
      throw error;
    }
  };

  it("stores flag=api's package-relative paths under packages/api/, reading the repo's config once", async () => {
    const result = await post({ flag: "api" });
    expect(result.status).toBe(201);
    expect(github.unhandled).toEqual([]);
    expect(github.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /repos/${result.owner}/${result.name}/installation`, `GET /repos/${result.owner}/${result.name}/contents/.github%2Fshipshape.yml`]);
    expect([...(await loadFileTotals(app.db, { repo: result.key, sha: HEAD })).keys()].sort()).toEqual(["packages/api/src/cart.js", "packages/api/src/coupon.js", "packages/api/src/price.js", "packages/api/src/util/money.js"]);
  });

  it("refuses a flag that names no component, saying what to do", async () => {
    const result = await post({ component: "docs" });
    expect(result).toMatchObject({ status: 400, message: expect.stringContaining('add a component named "docs" to coverage.components in .github/shipshape.yml, or upload without the flag') });
    expect(await loadFileTotals(app.db, { repo: result.key, sha: HEAD })).toEqual(new Map());
  });
});
