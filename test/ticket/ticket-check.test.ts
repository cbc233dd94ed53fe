import { describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/test-app.js";
import { CHECK_RUNS_PATH, HEAD_SHA, OWNER, PR_NUMBER, pullRequestEvent, REPO, requested, ticketCheckWrites, type PullRequestPayload } from "./fixtures.js";

const COMMITS_PATH = `/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}/commits`;
const NOW = "2024-06-03T10:00:00.000Z";

describe("shipshape/ticket on pull_request events", () => {
  const { app, github } = useTestApp({ now: NOW });
  let delivery = 0;
  const receive = (payload: PullRequestPayload) => app.probot.receive({ id: String(++delivery), name: "pull_request", payload } as never);

  it("succeeds on a Jira key in the title, without reading the commits", async () => {
    await receive(pullRequestEvent("opened", { title: "[ENG-123] Fix login redirect" }));
    expect(ticketCheckWrites(github)).toEqual([
      {
        method: "POST",
        path: CHECK_RUNS_PATH,
        body: {
          name: "shipshape/ticket",
          head_sha: HEAD_SHA,
          status: "completed",
          conclusion: "success",
          completed_at: NOW,
          output: {
            title: "Linked to ENG-123",
            summary:
              "This PR links a ticket, so reviewers and release notes can trace why it exists.\n\n- ENG-123 (Jira) in the title\n\nSearched: the title, the branch `changes`, the description.",
          },
        },
      },
    ]);
    expect(requested(github, "GET", COMMITS_PATH)).toBe(0);
  });

  it("fails with what to do when nothing links a ticket, after reading the commits", async () => {
    github.hasCommits(PR_NUMBER, [{ message: "Update README" }, { message: "Fix typo" }]);
    await receive(pullRequestEvent("opened"));
    const [write] = ticketCheckWrites(github);
    const body = write?.body as { conclusion: string; output: { title: string; summary: string } };
    expect(body.conclusion).toBe("failure");
    expect(body.output.title).toBe("Add a ticket reference to the title, e.g. #123");
    expect(body.output.summary).toBe(
      [
        "This repository asks every pull request to link the ticket it belongs to, and none was found.",
        "",
        "Searched: the title, the branch `changes`, the description, 2 commit messages, the issues linked in GitHub's Development sidebar.",
        "What counts: GitHub issues (`#123`, `owner/repo#123`, issue URLs, `fixes #123`); Jira keys (`ENG-123`).",
        "",
        "No ticket for this one? add the label `no-ticket`, or someone with write access can comment `/shipshape skip ticket <reason>`.",
      ].join("\n"),
    );
    expect(requested(github, "GET", COMMITS_PATH)).toBe(1);
  });

  it("finds a reference in a commit message and says which commit", async () => {
    github.hasCommits(PR_NUMBER, [{ sha: "abc1234" + "0".repeat(33), message: "OPS-7: rotate keys" }]);
    await receive(pullRequestEvent("opened"));
    const run = github.checkRun("shipshape/ticket");
    expect(run?.conclusion).toBe("success");
    expect(run?.output.summary).toContain("- OPS-7 (Jira) in the commit abc1234");
  });

  it("concludes neutral in advisory mode", async () => {
    github.hasConfig(OWNER, REPO, "tickets:\n  mode: advisory\n  sources: [title]\n");
    await receive(pullRequestEvent("opened"));
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe("neutral");
    expect(requested(github, "GET", COMMITS_PATH)).toBe(0);
  });

  it.each([
    [{ labels: ["No-Ticket"] }, "No ticket needed: labelled no-ticket"],
    [{ author: "dependabot[bot]" }, "No ticket needed for PRs by dependabot[bot]"],
    [{ draft: true }, "Mark the PR ready for review to check its ticket"],
  ])("skips when an exemption applies (%j)", async (pr, title) => {
    await receive(pullRequestEvent("opened", pr));
    const run = github.checkRun("shipshape/ticket");
    expect(run?.conclusion).toBe("skipped");
    expect(run?.output.title).toBe(title);
    expect(requested(github, "GET", COMMITS_PATH)).toBe(0);
  });

  it("skips branches matching an exempt glob", async () => {
    github.hasConfig(OWNER, REPO, "tickets:\n  exempt:\n    branches: ['release/*']\n");
    await receive(pullRequestEvent("opened", { headRef: "release/1.4" }));
    const run = github.checkRun("shipshape/ticket");
    expect(run?.conclusion).toBe("skipped");
    expect(run?.output.summary).toContain("The branch `release/1.4` matches `release/*` in `tickets.exempt.branches`.");
  });

  it("updates the same check run when an edit adds a ticket", async () => {
    github.hasCommits(PR_NUMBER, []);
    await receive(pullRequestEvent("opened"));
    const created = github.checkRun("shipshape/ticket");
    expect(created?.conclusion).toBe("failure");

    await receive(pullRequestEvent("edited", { title: "ENG-9 Update the README" }, { title: { from: "Update the README with new information." } }));
    const writes = ticketCheckWrites(github);
    expect(writes.map((write) => `${write.method} ${write.path}`)).toEqual([`POST ${CHECK_RUNS_PATH}`, `PATCH ${CHECK_RUNS_PATH}/${created?.id}`]);
    expect(writes[1]?.body).toEqual({
      status: "completed",
      conclusion: "success",
      completed_at: NOW,
      output: {
        title: "Linked to ENG-9",
        summary: "This PR links a ticket, so reviewers and release notes can trace why it exists.\n\n- ENG-9 (Jira) in the title\n\nSearched: the title, the branch `changes`, the description.",
      },
    });
    expect(github.checkRuns.filter((run) => run.name === "shipshape/ticket")).toHaveLength(1);
  });

  it("sends nothing at all for an edit that touches neither title, body nor base", async () => {
    await receive(pullRequestEvent("opened", { title: "ENG-1 Fix" }));
    const before = github.requests.length;
    // GitHub sends `edited` for e.g. a change of the PR's milestone-less metadata; `changes` then names no relevant field.
    await receive(pullRequestEvent("edited", { title: "ENG-1 Fix" }, {}));
    expect(github.requests.slice(before)).toEqual([]);
  });

  it("sends no write when a relevant event changes no outcome", async () => {
    await receive(pullRequestEvent("opened", { title: "ENG-1 Fix" }));
    const writes = github.writes().length;
    await receive({ ...pullRequestEvent("labeled", { title: "ENG-1 Fix", labels: ["docs"] }), label: { name: "docs" } });
    await receive(pullRequestEvent("edited", { title: "ENG-1 Fix", body: "Now with a longer description." }, { body: { from: "" } }));
    expect(github.writes()).toHaveLength(writes);
  });

  it("re-evaluates when an exempt label is removed", async () => {
    github.hasCommits(PR_NUMBER, []);
    await receive(pullRequestEvent("labeled", { labels: ["no-ticket"] }));
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe("skipped");
    await receive(pullRequestEvent("unlabeled", { labels: [] }));
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe("failure");
    expect(github.checkRuns.filter((run) => run.name === "shipshape/ticket")).toHaveLength(1);
  });

  it("posts nothing when the check is disabled", async () => {
    github.hasConfig(OWNER, REPO, "tickets:\n  enabled: false\n");
    await receive(pullRequestEvent("opened"));
    expect(ticketCheckWrites(github)).toEqual([]);
  });
});
