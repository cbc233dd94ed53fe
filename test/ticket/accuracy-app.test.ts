import { describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/test-app.js";
import { CHECK_RUNS_PATH, HEAD_SHA, OWNER, PR_NUMBER, pullRequestEvent, REPO, requested, ticketCheckWrites, type PullRequestPayload } from "./fixtures.js";

// Issue 13 (accuracy), through the real app on the real `pull_request.opened` payload
// (@octokit/webhooks-examples, Codertocat/Hello-World#2), every GitHub request asserted.
const COMMITS_PATH = `/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}/commits`;
const NOW = "2024-06-03T10:00:00.000Z";

function completed(conclusion: string, title: string, summary: string) {
  return [{ method: "POST", path: CHECK_RUNS_PATH, body: { name: "shipshape/ticket", head_sha: HEAD_SHA, status: "completed", conclusion, completed_at: NOW, output: { title, summary } } }];
}

describe("shipshape/ticket reads the PR as GitHub shows it", () => {
  const { app, github } = useTestApp({ now: NOW });
  let delivery = 0;
  const receive = (payload: PullRequestPayload) => app.probot.receive({ id: String(++delivery), name: "pull_request", payload } as never);

  it("does not count the example a PR template keeps in an HTML comment (apache/beam#21802)", async () => {
    github.hasCommits(PR_NUMBER, [{ message: "Fix a typo" }]);
    await receive(pullRequestEvent("opened", { title: "Fix a typo", body: "Fixes a typo in the README.\n\n<!-- Link the issue: fixes #123 -->\n\n> Upstream: closes #9\n\n```\nABC-7\n```" }));
    expect(ticketCheckWrites(github)).toEqual(
      completed(
        "failure",
        "Add a ticket reference to the title, e.g. #123",
        [
          "This repository asks every pull request to link the ticket it belongs to, and none was found.",
          "",
          "Searched: the title, the branch `changes`, the description, 1 commit message, the issues linked in GitHub's Development sidebar.",
          "What counts: GitHub issues (`#123`, `owner/repo#123`, issue URLs, `fixes #123`); Jira keys (`ENG-123`).",
          "",
          "No ticket for this one? add the label `no-ticket`, or someone with write access can comment `/shipshape skip ticket <reason>`.",
        ].join("\n"),
      ),
    );
    expect(requested(github, "GET", COMMITS_PATH)).toBe(1);
  });

  it("skips a bot whose login is not in the list (a self-hosted Renovate), without reading anything", async () => {
    const payload = pullRequestEvent("opened", { title: "Update dependency eslint to v9", body: "Fixes upstream #18279" });
    payload.pull_request.user = { login: "renovate-bot", type: "Bot" };
    await receive(payload);
    expect(ticketCheckWrites(github)).toEqual(
      completed(
        "skipped",
        "No ticket needed for PRs by bots (renovate-bot)",
        "`renovate-bot` is a bot account: its PRs cite upstream issues and changelogs, not this repository's tickets, so they are not judged.",
      ),
    );
    expect(requested(github, "GET", COMMITS_PATH)).toBe(0);
  });

  it("does not count an issue URL of another host (Sentry), and says to set keys when the key is a known non-ticket", async () => {
    github.hasCommits(PR_NUMBER, []);
    await receive(pullRequestEvent("opened", { title: "ES-123 Handle the null user", body: "Crash: https://sentry.io/organizations/acme/issues/4512345678/" }));
    const [write] = ticketCheckWrites(github);
    const body = write?.body as { conclusion: string; output: { title: string; summary: string } };
    expect(body.conclusion).toBe("failure");
    expect(body.output.title).toBe("Add a ticket reference to the title, or list ES in jira.keys if ES-123 is one");
    expect(body.output.summary.split("\n").slice(0, 4)).toEqual([
      "This repository asks every pull request to link the ticket it belongs to, and none was found.",
      "",
      "Not counted: `ES-123`. `ES` is on Shipshape's list of common non-tickets (standards, versions, branch words).",
      "If it is your Jira project key, list your keys in `.github/shipshape.yml`: `tickets.providers: [{ jira: { keys: [ES] } }]`; then only those keys count.",
    ]);
  });
});

describe("shipshape/ticket on GitHub Enterprise Server", () => {
  const { app, github } = useTestApp({ now: NOW, deps: { settings: { apiToken: "test-token", backfillDays: 90, dataDir: ":memory:", githubHost: "ghe.acme.corp" } } });

  it("counts issue URLs of the GHE host the app talks to, and not github.com's", async () => {
    const body = "Like https://github.com/acme/api/issues/5, fixed for https://ghe.acme.corp/Codertocat/Hello-World/issues/4";
    await app.probot.receive({ id: "1", name: "pull_request", payload: pullRequestEvent("opened", { title: "Retry uploads", body }) } as never);
    expect(ticketCheckWrites(github)).toEqual(
      completed("success", "Linked to #4", "This PR links a ticket, so reviewers and release notes can trace why it exists.\n\n- #4 (GitHub) in the body\n\nSearched: the title, the branch `changes`, the description."),
    );
  });
});
