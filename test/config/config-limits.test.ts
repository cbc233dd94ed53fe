import { beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/gather/load-config.js";
import type { GitHub } from "../../src/github/octokit.js";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";

interface PrPayload {
  repository: { owner: { login: string }; name: string };
  pull_request: { number: number; title: string; head: { sha: string } };
}

/** Item 3 and item 8 of the hardening issue: file sizes are checked first, `_extends` leaks nothing. */
describe("shipshape/config: file sizes and _extends", () => {
  const { app, github } = useTestApp();
  let payload: PrPayload;
  beforeEach(() => {
    payload = example<PrPayload>("pull_request", "synchronize");
    payload.pull_request.title = "ENG-7 Tidy the config";
    github.hasPullRequestFiles(payload.pull_request.number, [{ filename: "src/app.ts" }]);
  });

  const receive = (id: string) => app.probot.receive({ id, name: "pull_request", payload } as never);
  const owner = () => payload.repository.owner.login;
  const repo = () => payload.repository.name;
  const contentReads = () => github.requests.filter((r) => r.path.includes("/contents/")).map((r) => decodeURIComponent(r.path));
  const output = () => JSON.stringify(github.checkRun("shipshape/config")?.output);

  it("a 16 MB default-branch file fails with its size and is never decoded", async () => {
    const head = "tickets:\n  mode: required\n#";
    github.hasConfig(owner(), repo(), `${head}${"x".repeat(16 * 1024 * 1024 - head.length - 1)}\n`);
    await receive("size-1");
    const run = github.checkRun("shipshape/config");
    expect(run).toMatchObject({ conclusion: "failure" });
    expect(run?.output.summary).toContain(".github/shipshape.yml:1: the file is 16384 KB; the limit is 256 KB");
    expect(github.checkRuns.map((r) => r.name)).toEqual(["shipshape/config"]);
    // One JSON request (it carries `size`), not the raw form that would download the 16 MB.
    expect(contentReads()).toEqual([`/repos/${owner()}/${repo()}/contents/.github/shipshape.yml`]);
    expect(github.requests.find((r) => r.path.includes("/contents/"))?.headers.accept).not.toContain("raw");
    expect(github.unhandled).toEqual([]);
  });

  it("a PR that grows the file past 256 KB gets the same failure, annotated at line 1", async () => {
    const sha = payload.pull_request.head.sha;
    github.hasPullRequestFiles(payload.pull_request.number, [{ filename: ".github/shipshape.yml" }]);
    github.hasFile(owner(), repo(), ".github/shipshape.yml", `#${"x".repeat(300 * 1024)}\n`, sha);
    await receive("size-2");
    const run = github.checkRun("shipshape/config");
    expect(run).toMatchObject({ conclusion: "failure" });
    expect(run?.output.summary).toContain("the file is 301 KB; the limit is 256 KB");
    expect(run?.annotations).toMatchObject([{ path: ".github/shipshape.yml", start_line: 1 }]);
  });

  it("an _extends to any other file is refused at its line, and that file is never read", async () => {
    github.hasConfig(owner(), repo(), "tickets:\n  mode: required\n_extends: acme/infra-private:deploy/prod.yml\n");
    github.hasFile("acme", "infra-private", "deploy/prod.yml", "aws_secret_access_key: AKIA\n");
    await receive("ext-1");
    const run = github.checkRun("shipshape/config");
    expect(run).toMatchObject({ conclusion: "failure" });
    expect(run?.output.summary).toContain(".github/shipshape.yml:3:1: _extends: _extends may only name a .github/shipshape.yml or shipshape.yml file");
    expect(contentReads()).toEqual([`/repos/${owner()}/${repo()}/contents/.github/shipshape.yml`]);
    expect(output()).not.toContain("aws_secret");
  });

  it("problems in an extended shipshape.yml are counted with their lines, its keys never echoed", async () => {
    github.hasConfig(owner(), repo(), "_extends: acme/shared\nadr:\n  mode: advisory\n");
    github.hasFile("acme", "shared", ".github/shipshape.yml", "aws_secret_access_key: AKIA\ntickets:\n  db_password: hunter2\n");
    await receive("ext-2");
    const run = github.checkRun("shipshape/config");
    expect(run).toMatchObject({ conclusion: "failure" });
    expect(run?.output.summary).toContain("acme/shared:.github/shipshape.yml: _extends: the extended file acme/shared:.github/shipshape.yml has 2 problems (lines 1, 3); fix them there");
    expect(output()).not.toMatch(/aws_secret|db_password|hunter2|AKIA/);
    // Its lines are not this repository's: no annotation points into it.
    expect(run?.annotations).toEqual([]);
  });

  it("a huge extended file is refused by its size", async () => {
    github.hasConfig(owner(), repo(), "_extends: shared\n");
    github.hasFile(owner(), "shared", ".github/shipshape.yml", `#${"x".repeat(2 * 1024 * 1024)}\n`);
    await receive("ext-3");
    expect(github.checkRun("shipshape/config")?.output.summary).toContain(`the extended file ${owner()}/shared:.github/shipshape.yml is 2049 KB; the limit is 256 KB`);
  });

  it("a valid chain merges as context.config does: the repo's file wins, lists concatenate", async () => {
    github.hasConfig(owner(), repo(), "_extends: shared\ntickets:\n  mode: advisory\n  exempt:\n    labels: [chore]\n");
    github.hasFile(owner(), "shared", ".github/shipshape.yml", "_extends: base:shipshape.yml\ntickets:\n  mode: required\n  exempt:\n    labels: [hotfix]\n");
    github.hasFile(owner(), "base", "shipshape.yml", "adr:\n  enabled: false\ncoverage:\n  enabled: false\n");
    const octokit = (await app.probot.auth(1)) as unknown as GitHub;
    const config = await loadConfig({ octokit, owner: owner(), repo: repo() });
    expect(config.ok).toBe(true);
    if (!config.ok) return;
    expect(config.config.tickets.mode).toBe("advisory");
    expect(config.config.tickets.exempt.labels).toEqual(["hotfix", "chore"]);
    expect(config.config.adr.enabled).toBe(false);
    expect(contentReads()).toEqual([
      `/repos/${owner()}/${repo()}/contents/.github/shipshape.yml`,
      `/repos/${owner()}/shared/contents/.github/shipshape.yml`,
      `/repos/${owner()}/base/contents/shipshape.yml`,
    ]);
  });

  it("an _extends loop is reported, not followed forever", async () => {
    github.hasConfig(owner(), repo(), "_extends: a\n");
    github.hasFile(owner(), "a", ".github/shipshape.yml", `_extends: ${repo()}\n`);
    await receive("ext-4");
    expect(github.checkRun("shipshape/config")?.output.summary).toContain(`_extends loops back to ${owner()}/${repo()}:.github/shipshape.yml`);
    expect(contentReads()).toHaveLength(2);
  });
});
