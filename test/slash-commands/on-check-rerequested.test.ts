import { describe, expect, it } from "vitest";
import { recordPullRequestHead } from "../../src/store/pull-request-heads.js";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";
import { CHECK_RUNS_PATH, OWNER, PR_NUMBER, pullRequestEvent, REPO, requested, servesPullRequest, ticketCheckWrites } from "../ticket/fixtures.js";

describe("re-run requested on Shipshape's checks", () => {
  const { app, github } = useTestApp({ now: "2024-06-03T10:00:00.000Z" });
  let delivery = 0;
  const receive = (name: string, payload: unknown) => app.probot.receive({ id: String(++delivery), name, payload } as never);

  it("check_suite.rerequested re-judges the PR the payload lists, from fresh data", async () => {
    github.hasCommits(PR_NUMBER, []);
    const opened = pullRequestEvent("opened");
    await receive("pull_request", opened);
    const run = github.checkRun("shipshape/ticket");
    expect(run?.conclusion).toBe("failure");

    // The title was fixed on GitHub, and the edit's delivery was lost: the re-run sees it.
    servesPullRequest(github, { ...opened.pull_request, title: "ENG-5 Update the README" });
    github.requests.length = 0;
    await receive("check_suite", example("check_suite", "rerequested"));
    expect(requested(github, "GET", `/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`)).toBe(1);
    expect(ticketCheckWrites(github).map((write) => `${write.method} ${write.path}`)).toEqual([`PATCH ${CHECK_RUNS_PATH}/${run?.id}`]);
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe("success");
  });

  it("check_run.rerequested of a fork PR (no pull_requests in the payload) finds the PR by its head SHA", async () => {
    const payload = example<{ check_run: { head_sha: string; pull_requests: unknown[] }; repository: { id: number } }>("check_run", "rerequested");
    expect(payload.check_run.pull_requests).toEqual([]);
    await recordPullRequestHead(app.db, { repoId: payload.repository.id, headSha: payload.check_run.head_sha, prNumber: 9, at: 0 });
    const fork = pullRequestEvent("opened", { title: "OPS-3 Retry uploads", headSha: payload.check_run.head_sha }).pull_request;
    github.route("GET", /^\/repos\/github\/hello-world\/pulls\/9$/, () => [200, { ...fork, number: 9 }]);

    await receive("check_run", payload);
    const run = github.checkRun("shipshape/ticket", payload.check_run.head_sha);
    expect(run?.conclusion).toBe("success");
    expect(run?.output.title).toBe("Linked to OPS-3");
    expect(requested(github, "GET", "/repos/github/hello-world/pulls/9")).toBe(1);
  });

  it("does nothing when no PR is known for the SHA", async () => {
    await receive("check_run", example("check_run", "rerequested"));
    expect(github.requests).toEqual([]);
  });
});
