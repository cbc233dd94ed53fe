import { describe, expect, it } from "vitest";
import { isDeployWorkflow, releaseCounts, workflowRunOutcome } from "../../src/metrics/deployment-sources.js";
import { releaseDeployment, workflowRunDeployment } from "../../src/recording/record-source-deployment.js";

// The rules the webhooks and the backfill share (ADR 0044, ADR 0070), table-driven.
describe("isDeployWorkflow", () => {
  it.each([
    ["the default glob, by name", { name: "Deploy production", path: ".github/workflows/cd.yml" }, ["*deploy*"], true],
    ["the default glob, by file", { name: "CD", path: ".github/workflows/deploy.yml" }, ["*deploy*"], true],
    ["case-insensitively", { name: "DEPLOY", path: ".github/workflows/x.yml" }, ["deploy"], true],
    ["a file name glob", { name: "Ship", path: ".github/workflows/release-api.yml" }, ["release-*.yml"], true],
    ["a ref suffix on the path", { name: null, path: ".github/workflows/deploy.yml@refs/heads/main" }, ["deploy.yml"], true],
    ["CI is not a deploy workflow", { name: "CI", path: ".github/workflows/ci.yml" }, ["*deploy*"], false],
    ["an empty name matches nothing", { name: "", path: "" }, ["*"], false],
  ])("%s", (_name, workflow, globs, expected) => {
    expect(isDeployWorkflow(workflow, globs)).toBe(expected);
  });
});

describe("workflowRunOutcome", () => {
  const run = { name: "Deploy", path: ".github/workflows/deploy.yml", headBranch: "main" };
  it.each([
    ["success", "main", "success"],
    ["failure", "main", "failure"],
    ["timed_out", "main", "failure"],
    ["cancelled", "main", null],
    ["skipped", "main", null],
    [null, "main", null],
    ["success", "feature", null],
  ] as const)("%s on %s: %s", (conclusion, branch, expected) => {
    expect(workflowRunOutcome({ ...run, conclusion, headBranch: branch }, { defaultBranch: "main", workflows: ["deploy"] })).toBe(expected);
  });
});

describe("releaseCounts", () => {
  const release = { tagName: "v1.2.0", draft: false, prerelease: false, publishedAt: "2024-06-01T00:00:00Z" };
  it.each([
    ["a published release, any tag", release, { tags: [], prereleases: false }, true],
    ["a draft", { ...release, draft: true }, { tags: [], prereleases: false }, false],
    ["unpublished", { ...release, publishedAt: null }, { tags: [], prereleases: false }, false],
    ["a pre-release", { ...release, prerelease: true }, { tags: [], prereleases: false }, false],
    ["a pre-release, asked for", { ...release, prerelease: true }, { tags: [], prereleases: true }, true],
    ["a tag matching v*", release, { tags: ["v*"], prereleases: false }, true],
    ["a tag not matching", { ...release, tagName: "nightly-3" }, { tags: ["v*"], prereleases: false }, false],
  ])("%s", (_name, given, settings, expected) => {
    expect(releaseCounts(given, settings)).toBe(expected);
  });
});

describe("deployment builders", () => {
  it("a run deploys its head commit from its start to its last update, on the settings' environment", () => {
    const run = { id: 7, name: "Deploy", path: ".github/workflows/deploy.yml", headSha: "a".repeat(40), headBranch: "main", conclusion: "success", createdAt: "2024-06-01T09:00:00Z", runStartedAt: "2024-06-01T09:01:00Z", updatedAt: "2024-06-01T09:10:00Z" };
    expect(workflowRunDeployment(run, { defaultBranch: "main", settings: { workflows: ["*deploy*"], environment: "prod" } })).toEqual({
      source: "workflow_runs",
      id: 7,
      environment: "prod",
      sha: "a".repeat(40),
      ref: "main",
      createdAt: Date.parse("2024-06-01T09:01:00Z"),
      state: "success",
      at: Date.parse("2024-06-01T09:10:00Z"),
    });
    // A re-run without a start time falls back to the creation time; a cancelled one is none.
    expect(workflowRunDeployment({ ...run, runStartedAt: null }, { defaultBranch: "main", settings: { workflows: ["*deploy*"], environment: "prod" } })?.createdAt).toBe(Date.parse("2024-06-01T09:00:00Z"));
    expect(workflowRunDeployment({ ...run, conclusion: "cancelled" }, { defaultBranch: "main", settings: { workflows: ["*deploy*"], environment: "prod" } })).toBeNull();
  });

  it("a release deploys its tag's commit when it was published", () => {
    expect(releaseDeployment({ id: 3, tagName: "v2", publishedAt: "2024-06-02T00:00:00Z" }, { sha: "b".repeat(40), environment: "production" })).toEqual({
      source: "releases",
      id: 3,
      environment: "production",
      sha: "b".repeat(40),
      ref: "v2",
      createdAt: Date.parse("2024-06-02T00:00:00Z"),
      state: "success",
      at: Date.parse("2024-06-02T00:00:00Z"),
    });
  });
});
