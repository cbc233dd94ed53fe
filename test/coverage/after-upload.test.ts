import { describe, expect, it } from "vitest";
import type { GitHub } from "../../src/github/octokit.js";
import { postCoverageAfterUpload } from "../../src/handlers/on-coverage-upload.js";
import { coverageUploadRoute } from "../../src/http/coverage-upload-route.js";
import type { HttpRequest } from "../../src/http/types.js";
import { recordPullRequestHead } from "../../src/store/pull-request-heads.js";
import { createUploadToken } from "../../src/store/upload-tokens.js";
import { useTestApp } from "../helpers/test-app.js";
import { fixture, hasOpenPullRequest, HEAD, workflowRunCompleted } from "./workflow-run-fixture.js";

describe("an upload through the API posts shipshape/coverage on the head's open PR", () => {
  const { app, github } = useTestApp();

  it("finds the installation and the PR, and posts the judged check", async () => {
    const payload = workflowRunCompleted(1);
    const { id, name, owner } = { ...payload.repository, owner: payload.repository.owner.login };
    hasOpenPullRequest(github, payload);
    github.route("GET", new RegExp(`^/repos/${owner}/${name}/installation$`), () => [200, { id: 42 }]);
    github.route("GET", new RegExp(`^/repos/${owner}/${name}$`), () => [200, payload.repository]);
    github.route("GET", new RegExp(`^/repos/${owner}/${name}/commits$`), () => [200, []]);
    await recordPullRequestHead(app.db, { repoId: id, headSha: HEAD, prNumber: 7, at: 1 });
    const token = await createUploadToken(app.db, { repo: `${owner}/${name}`.toLowerCase(), now: 1 });
    const route = coverageUploadRoute(app.deps, postCoverageAfterUpload({ deps: app.deps, auth: async (installation) => (await app.probot.auth(installation)) as GitHub }));
    const request: HttpRequest = {
      method: "POST",
      path: "",
      params: { owner, repo: name },
      query: new URLSearchParams({ sha: HEAD, branch: "feature/cart" }),
      headers: { authorization: `Bearer ${token}` },
      body: async () => fixture("head/js.clover.xml"),
    };
    expect((await route.handle(request)).status).toBe(201);
    expect(github.unhandled).toEqual([]);
    expect(github.requests.map((r) => `${r.method} ${r.path}`).filter((r) => !r.includes("contents"))).toEqual([
      `GET /repos/${owner}/${name}/installation`,
      `GET /repos/${owner}/${name}`,
      `GET /repos/${owner}/${name}/pulls/7`,
      `GET /repos/${owner}/${name}/pulls/7/files`,
      `GET /repos/${owner}/${name}/commits`,
      `POST /repos/${owner}/${name}/check-runs`,
    ]);
    expect(github.checkRun("shipshape/coverage", HEAD)?.output.title).toBe("Cover 4 more changed lines in js/src/coupon.js (patch 64%, target 80%)");
  });
});
