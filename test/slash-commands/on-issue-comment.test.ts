import { beforeEach, describe, expect, it } from "vitest";
import { listOverrides } from "../../src/store/overrides.js";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";
import { CHECK_RUNS_PATH, OWNER, PR_NUMBER, pullRequestEvent, REPO, requested, servesPullRequest, ticketCheckWrites } from "../ticket/fixtures.js";

const NOW = "2024-06-03T10:00:00.000Z";
const COMMENTS_PATH = `/repos/${OWNER}/${REPO}/issues/${PR_NUMBER}/comments`;
const permissionPath = (login: string) => `/repos/${OWNER}/${REPO}/collaborators/${login}/permission`;

/** A real `issue_comment.created` payload, moved onto PR #2 (GitHub marks PR comments with `issue.pull_request`). */
function commentEvent(body: string, user: { login: string; type?: string }, onPullRequest = true) {
  const payload = example<{
    issue: { number: number; user: { login: string }; pull_request?: unknown };
    comment: { body: string; user: { login: string; type: string }; created_at: string };
  }>("issue_comment", "created");
  payload.issue.number = PR_NUMBER;
  if (onPullRequest) {
    payload.issue.pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`, html_url: "", diff_url: "", patch_url: "", merged_at: null };
  }
  payload.comment.body = body;
  payload.comment.user = { ...payload.comment.user, login: user.login, type: user.type ?? "User" };
  payload.comment.created_at = "2024-06-03T09:59:00Z";
  return payload;
}

describe("/shipshape commands in PR comments", () => {
  const { app, github } = useTestApp({ now: NOW });
  let delivery = 0;
  const receive = (name: string, payload: unknown) => app.probot.receive({ id: String(++delivery), name, payload } as never);

  beforeEach(async () => {
    github.hasCommits(PR_NUMBER, []);
    github.hasPermission("maintainer", "write").hasPermission("reader", "read");
    const opened = pullRequestEvent("opened");
    servesPullRequest(github, opened.pull_request);
    await receive("pull_request", opened);
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe("failure");
    github.requests.length = 0;
  });

  it("skips the check for a writer, naming who and why, and stores the override", async () => {
    await receive("issue_comment", commentEvent("/shipshape skip ticket hotfix for the login outage", { login: "maintainer" }));
    const run = github.checkRun("shipshape/ticket");
    expect(ticketCheckWrites(github)).toEqual([
      {
        method: "PATCH",
        path: `${CHECK_RUNS_PATH}/${run?.id}`,
        body: {
          status: "completed",
          conclusion: "skipped",
          completed_at: NOW,
          output: {
            title: "Skipped by @maintainer: hotfix for the login outage",
            summary:
              "@maintainer skipped this check with `/shipshape skip ticket` on 2024-06-03T09:59:00.000Z.\n\nReason: hotfix for the login outage\n\nA new `/shipshape skip` replaces it; `/shipshape unskip ticket` undoes it (`/shipshape refresh` does not).",
          },
        },
      },
    ]);
    expect(requested(github, "GET", permissionPath("maintainer"))).toBe(1);
    expect(github.comments).toEqual([]);
    // The 👍 on the command comment, last, once the check run says it was skipped.
    expect(github.writes().at(-1)).toMatchObject({ method: "POST", path: `/repos/${OWNER}/${REPO}/issues/comments/492700400/reactions`, body: { content: "+1" } });
    expect(github.reactions).toEqual([{ commentId: 492700400, content: "+1" }]);
    expect(await listOverrides(app.db, { repoId: 186853002, prNumber: PR_NUMBER })).toEqual([
      { check: "ticket", user: "maintainer", reason: "hotfix for the login outage", at: "2024-06-03T09:59:00.000Z" },
    ]);
  });

  it("refuses a reader with one short reply, and changes nothing", async () => {
    await receive("issue_comment", commentEvent("/shipshape skip ticket trust me", { login: "reader" }));
    expect(github.writes().map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      {
        method: "POST",
        path: COMMENTS_PATH,
        body: { body: "@reader only people with write access to Codertocat/Hello-World can skip a check. Ask a maintainer to comment `/shipshape skip ticket <reason>` if it should not apply here." },
      },
    ]);
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe("failure");
    expect(await listOverrides(app.db, { repoId: 186853002, prNumber: PR_NUMBER })).toEqual([]);
    expect(github.reactions).toEqual([]);
  });

  it("asks GitHub for a commenter's permission once in a short while", async () => {
    await receive("issue_comment", commentEvent("/shipshape skip ticket one", { login: "reader" }));
    await receive("issue_comment", commentEvent("/shipshape skip ticket two", { login: "reader" }));
    expect(requested(github, "GET", permissionPath("reader"))).toBe(1);
    app.setNow("2024-06-03T10:05:00.000Z");
    await receive("issue_comment", commentEvent("/shipshape skip ticket three", { login: "reader" }));
    expect(requested(github, "GET", permissionPath("reader"))).toBe(2);
  });

  it("re-evaluates every check on refresh, from fresh data", async () => {
    github.hasCommits(PR_NUMBER, [{ message: "ENG-7: fix" }]);
    await receive("issue_comment", commentEvent("/shipshape refresh", { login: "maintainer" }));
    const run = github.checkRun("shipshape/ticket");
    expect(run?.conclusion).toBe("success");
    expect(ticketCheckWrites(github).map((write) => `${write.method} ${write.path}`)).toEqual([`PATCH ${CHECK_RUNS_PATH}/${run?.id}`]);
    // fresh: the config is read again although it is cached
    expect(requested(github, "GET", `/repos/${OWNER}/${REPO}/contents/.github%2Fshipshape.yml`)).toBe(1);
  });

  it("lets the PR's author refresh without asking for permissions", async () => {
    await receive("issue_comment", commentEvent("/shipshape refresh", { login: "Codertocat" }));
    expect(requested(github, "GET", permissionPath("Codertocat"))).toBe(0);
    expect(requested(github, "GET", `/repos/${OWNER}/${REPO}/pulls/${PR_NUMBER}`)).toBe(1);
  });

  it("answers a malformed command with how to write it, without asking for permissions", async () => {
    await receive("issue_comment", commentEvent("/shipshape skip ticket", { login: "maintainer" }));
    expect(github.writes().map((request) => request.body)).toEqual([{ body: "@maintainer Add a reason, so reviewers know why: `/shipshape skip ticket <reason>`." }]);
    expect(requested(github, "GET", permissionPath("maintainer"))).toBe(0);
  });

  it.each([
    ["another bot", commentEvent("/shipshape skip ticket automated", { login: "renovate[bot]", type: "Bot" })],
    ["Shipshape itself", commentEvent("/shipshape refresh", { login: "shipshape[bot]", type: "Bot" })],
    ["an ordinary comment", commentEvent("LGTM, ship it", { login: "maintainer" })],
    ["a comment on an issue", commentEvent("/shipshape refresh", { login: "maintainer" }, false)],
  ])("ignores %s: no request at all", async (_name, payload) => {
    await receive("issue_comment", payload);
    expect(github.requests).toEqual([]);
  });
});
