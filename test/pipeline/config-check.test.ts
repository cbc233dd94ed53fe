import { beforeEach, describe, expect, it } from "vitest";
import { invalidateConfig } from "../../src/gather/config-cache.js";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";

interface PrPayload {
  action: string;
  repository: { owner: { login: string }; name: string };
  pull_request: { number: number; title: string; head: { sha: string } };
}

describe("shipshape/config on pull requests", () => {
  const { app, github } = useTestApp();
  let payload: PrPayload;
  beforeEach(() => {
    payload = example<PrPayload>("pull_request", "synchronize");
    payload.pull_request.title = "ENG-7 Tidy the config";
  });

  const receive = (id: string) => app.probot.receive({ id, name: "pull_request", payload } as never);
  const owner = () => payload.repository.owner.login;
  const repo = () => payload.repository.name;

  it.each([
    ["an unknown key", "tickets:\n  mode: required\n  colour: blue\n", '.github/shipshape.yml:3:3: tickets.colour: unknown key "colour" in tickets', 3],
    ["a wrong type", "coverage:\n  patch:\n    target: high\n", '.github/shipshape.yml:3:5: coverage.patch.target: expected a number from 0 to 100, or "auto"', 3],
    ["broken YAML", "adr:\n  labels: [architecture\n", ".github/shipshape.yml:3:1: YAML syntax", 3],
  ])("a default-branch file with %s fails shipshape/config at the right line and runs no other check", async (_name, yaml, message, line) => {
    github.hasConfig(owner(), repo(), yaml).hasPullRequestFiles(payload.pull_request.number, [{ filename: "src/app.ts" }]);
    await receive("1");
    const run = github.checkRun("shipshape/config");
    expect(run).toMatchObject({ head_sha: payload.pull_request.head.sha, status: "completed", conclusion: "failure" });
    expect(run?.output.title).toBe("Fix 1 problem in .github/shipshape.yml");
    expect(run?.output.summary).toContain(message);
    expect(run?.output.summary).toContain("Shipshape runs no other check");
    expect(run?.annotations).toMatchObject([{ path: ".github/shipshape.yml", start_line: line, annotation_level: "failure" }]);
    expect(github.checkRuns.map((r) => r.name)).toEqual(["shipshape/config"]);
    expect(github.unhandled).toEqual([]);
  });

  it("judges the PR's new version of the file, annotated at its lines, while the other checks use the default branch's", async () => {
    github
      .hasPullRequestFiles(payload.pull_request.number, [{ filename: ".github/shipshape.yml" }])
      .hasFile(owner(), repo(), ".github/shipshape.yml", "tickets:\n  mode: strict\nadr:\n  enabled: true\n  labelz: [arch]\n", payload.pull_request.head.sha);
    await receive("2");
    const config = github.checkRun("shipshape/config");
    expect(config).toMatchObject({ conclusion: "failure" });
    expect(config?.output.title).toBe("Fix 2 problems in .github/shipshape.yml");
    expect(config?.output.summary).toContain("Merging it would stop every Shipshape check");
    expect(config?.annotations).toMatchObject([
      { path: ".github/shipshape.yml", start_line: 2, end_line: 2, title: "tickets.mode" },
      { path: ".github/shipshape.yml", start_line: 5, end_line: 5, title: "adr.labelz" },
    ]);
    // No file on the default branch: defaults apply to the PR itself.
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe("success");
    const reads = github.requests.filter((r) => r.method === "GET" && r.path.includes("/contents/"));
    expect(reads.map((r) => [r.path, r.query.ref])).toContainEqual([`/repos/${owner()}/${repo()}/contents/.github%2Fshipshape.yml`, payload.pull_request.head.sha]);
  });

  it("turns an earlier failure on the same SHA into success once the default branch is fixed", async () => {
    github.hasConfig(owner(), repo(), "tickets:\n  colour: blue\n").hasPullRequestFiles(payload.pull_request.number, [{ filename: "src/app.ts" }]);
    await receive("3");
    expect(github.checkRun("shipshape/config")?.conclusion).toBe("failure");
    github.hasConfig(owner(), repo(), "tickets:\n  mode: required\n");
    invalidateConfig(app.deps.caches.config, owner(), repo());
    await receive("4");
    expect(github.checkRuns.filter((r) => r.name === "shipshape/config")).toHaveLength(1);
    expect(github.checkRun("shipshape/config")?.conclusion).toBe("success");
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe("success");
  });
});
