import { describe, expect, it } from "vitest";
import { createRoutes } from "../../src/http/routes.js";
import type { HttpRequest } from "../../src/http/types.js";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";
import { pullRequestEvent } from "../ticket/fixtures.js";

/**
 * Dashboard links follow the payloads (issue 18, ADR 0074): real `pull_request` payloads from
 * @octokit/webhooks-examples with every `html_url` moved to a GitHub Enterprise Server that is NOT
 * the configured GHE_HOST, through the real app. Each PR link is the payload's address; only a
 * repository with no stored address falls back to GHE_PROTOCOL://GHE_HOST.
 */
const NOW = "2019-05-16T10:00:00.000Z";
const PAYLOAD_HOST = "https://git.acme.corp";
const REPO = "Codertocat/Hello-World";

type Payload = { repository: { html_url: string }; pull_request: { html_url: string; number: number; merged?: boolean; merged_at?: string | null; merge_commit_sha?: string | null } };

function onPayloadHost<T extends Payload>(payload: T): T {
  payload.repository.html_url = payload.repository.html_url.replace("https://github.com", PAYLOAD_HOST);
  payload.pull_request.html_url = payload.pull_request.html_url.replace("https://github.com", PAYLOAD_HOST);
  return payload;
}

function mergedPullRequest(number: number): Payload {
  const payload = onPayloadHost(example<Payload>("pull_request", "closed"));
  Object.assign(payload.pull_request, { number, merged: true, merged_at: "2019-05-15T16:00:00Z", merge_commit_sha: "c".repeat(40) });
  payload.pull_request.html_url = `${PAYLOAD_HOST}/${REPO}/pull/${number}`;
  return payload;
}

describe("dashboard links on GitHub Enterprise Server", () => {
  const { app, github } = useTestApp({
    now: NOW,
    deps: { settings: { apiToken: "t", backfillDays: 90, dataDir: ":memory:", githubHost: "ghe.acme.corp", githubProtocol: "http" } },
  });

  const page = async (path: string, query = "from=2019-05-01&to=2019-05-16") => {
    const routes = createRoutes(app.deps);
    const [, owner = "", repo = "", rest] = /^\/dashboard\/([^/]+)\/([^/]+)(\/pulls)?$/.exec(path) ?? [];
    const route = routes.find((r) => r.method === "GET" && r.pattern === (rest ? "/dashboard/:owner/:repo/pulls" : "/dashboard/:owner/:repo"));
    const request: HttpRequest = { method: "GET", path, params: { owner, repo }, query: new URLSearchParams(query), headers: { authorization: "Bearer t" }, body: async () => Buffer.alloc(0) };
    const response = await route?.handle(request);
    expect(response?.status).toBe(200);
    return String(response?.body);
  };
  const hrefs = (html: string) => [...html.matchAll(/href="([^"]*\/pull\/\d+)"/g)].map((m) => m[1]);

  it("the PR list and the waiting list link each PR at its payload's address", async () => {
    github.hasCommits(2, [{ message: "Fix the retry" }]);
    github.hasCommits(4, [{ message: "Add the retry" }]);
    await app.probot.receive({ id: "1", name: "pull_request", payload: onPayloadHost(pullRequestEvent("opened", { title: "Fix the retry" }) as unknown as Payload) } as never);
    await app.probot.receive({ id: "2", name: "pull_request", payload: mergedPullRequest(4) } as never);

    expect(hrefs(await page(`/dashboard/${REPO}/pulls`))).toEqual([`${PAYLOAD_HOST}/${REPO}/pull/4`]);
    const scope = await page(`/dashboard/${REPO}`);
    expect(hrefs(scope)).toContain(`${PAYLOAD_HOST}/${REPO}/pull/2`);
    expect(hrefs(scope).every((href) => href?.startsWith(`${PAYLOAD_HOST}/`))).toBe(true);
    expect(scope).not.toContain("ghe.acme.corp");
    // The checks of the opened PR, then the commits of the merged one; nothing else.
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /repos/${REPO}/contents/.github%2Fshipshape.yml`,
      "GET /repos/Codertocat/.github/contents/.github%2Fshipshape.yml",
      `GET /repos/${REPO}/pulls/2/files`,
      `GET /repos/${REPO}/pulls/2/commits`,
      "POST /graphql",
      `POST /repos/${REPO}/check-runs`,
      `POST /repos/${REPO}/check-runs`,
      "GET /repos/Codertocat/.github/contents/.github%2Fshipshape.yml",
      `GET /repos/${REPO}/pulls/4/commits`,
    ]);
  });

  it("a repository with no stored address links on GHE_PROTOCOL://GHE_HOST", async () => {
    github.hasCommits(4, [{ message: "Add the retry" }]);
    await app.probot.receive({ id: "3", name: "pull_request", payload: mergedPullRequest(4) } as never);
    await app.db.kysely.updateTable("metric_repos").set({ html_url: null }).execute();

    expect(hrefs(await page(`/dashboard/${REPO}/pulls`))).toEqual([`http://ghe.acme.corp/${REPO}/pull/4`]);
    // Recording the merged PR reads the organisation's settings and the PR's commits; the closed PR's check reads the config.
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /repos/Codertocat/.github/contents/.github%2Fshipshape.yml",
      `GET /repos/${REPO}/pulls/4/commits`,
      `GET /repos/${REPO}/contents/.github%2Fshipshape.yml`,
      "GET /repos/Codertocat/.github/contents/.github%2Fshipshape.yml",
    ]);
  });
});
