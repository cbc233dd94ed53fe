import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { example } from "../helpers/examples.js";
import { FakeGitHub } from "../helpers/fake-github.js";
import { createTestApp, type TestApp } from "../helpers/test-app.js";


describe("shipshape/config on pull requests", () => {
  let app: TestApp;
  let github: FakeGitHub;
  beforeEach(async () => {
    app = await createTestApp();
    github = new FakeGitHub().install();
  });
  afterEach(() => app.close());

  it("posts a failure naming the key and line when the default branch's file has an unknown key", async () => {
    const payload = example("pull_request", "opened") as { repository: { owner: { login: string }; name: string }; pull_request: { head: { sha: string } } };
    const { login } = payload.repository.owner;
    github.hasConfig(login, payload.repository.name, "tickets:\n  mode: required\n  colour: blue\n");
    await app.probot.receive({ id: "1", name: "pull_request", payload } as never);
    const run = github.checkRun("shipshape/config");
    expect(run?.conclusion).toBe("failure");
    expect(run?.output.title).toBe("Fix 1 problem in .github/shipshape.yml");
    expect(run?.output.summary).toContain('.github/shipshape.yml:3:3: tickets.colour: unknown key "colour" in tickets');
    expect(github.unhandled).toEqual([]);
  });
});
