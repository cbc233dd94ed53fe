import { beforeEach, describe, expect, it } from "vitest";
import { listOverrides } from "../../src/store/overrides.js";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";
import { ADR_ONLY, BASE, calls, hasDirectory, OWNER, PR, prEvent, REPO, type PrState } from "./adr-harness.js";

const NOW = "2024-06-03T10:00:00.000Z";
const REPO_ID = example<{ repository: { id: number } }>("pull_request", "opened").repository.id;
const ADR_TEXT = "# 2. Use PostgreSQL\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n";

/** A real `issue_comment.created` payload (@octokit/webhooks-examples), moved onto PR #2 of the example repository. */
function commentEvent(id: number, body: string, login: string) {
  const payload = example<{
    repository: unknown;
    issue: { number: number; user: { login: string }; pull_request?: unknown };
    comment: { id: number; body: string; user: { login: string; type: string }; created_at: string };
  }>("issue_comment", "created");
  payload.repository = example<{ repository: unknown }>("pull_request", "opened").repository;
  payload.issue.number = PR;
  payload.issue.pull_request = { url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${PR}`, html_url: "", diff_url: "", patch_url: "", merged_at: null };
  payload.comment.id = id;
  payload.comment.body = body;
  payload.comment.user = { ...payload.comment.user, login, type: "User" };
  payload.comment.created_at = "2024-06-03T09:59:00Z";
  return { id: `comment-${id}`, name: "issue_comment", payload };
}

describe("/shipshape skip adr and unskip adr: the comment and the reaction", () => {
  const { app, github } = useTestApp({ now: NOW });
  let state: PrState;
  let missingBody = "";
  let commentId = 0;

  beforeEach(async () => {
    github.hasConfig(OWNER, REPO, ADR_ONLY);
    github.hasPullRequestFiles(PR, [{ filename: "src/sessions/store.ts" }]);
    hasDirectory(github, "docs/adr", ["0001-record-architecture-decisions.md", "0002-use-postgresql.md", "README.md"]);
    github.hasFile(OWNER, REPO, "docs/adr/0002-use-postgresql.md", ADR_TEXT, BASE);
    github.hasPermission("maintainer", "write").hasPermission("reader", "read");
    state = { title: "feat: Move sessions to Redis", body: "Sessions outgrow Postgres.", labels: ["architecture"], sha: "a".repeat(40) };
    const opened = prEvent("opened", state);
    github.route("GET", new RegExp(`^/repos/${OWNER}/${REPO}/pulls/${PR}$`), () => [200, opened.payload.pull_request]);
    await app.probot.receive(opened as never);
    expect(github.comments).toHaveLength(1);
    missingBody = github.comments[0]?.body ?? "";
    commentId = github.comments[0]?.id ?? 0;
    expect(missingBody).toContain("### 📝 This pull request needs an Architecture Decision Record");
    github.requests.length = 0;
  });

  it("skip -> the comment says skipped, by whom and why, with a 👍 -> unskip -> the comment asks again, with a 👍", async () => {
    await app.probot.receive(commentEvent(9001, "/shipshape skip adr config-only change, no new architecture", "maintainer") as never);
    const run = github.checkRun("shipshape/adr");
    // The config, the PR's files and the comment's id are cached from the opened event.
    expect(calls(github)).toEqual([
      `GET /repos/${OWNER}/${REPO}/collaborators/maintainer/permission`,
      `GET /repos/${OWNER}/${REPO}/pulls/${PR}`,
      `GET /repos/${OWNER}/${REPO}/contents/docs/adr`,
      `PATCH /repos/${OWNER}/${REPO}/check-runs/${run?.id}`,
      `PATCH /repos/${OWNER}/${REPO}/issues/comments/${commentId}`,
      `POST /repos/${OWNER}/${REPO}/issues/comments/9001/reactions`,
    ]);
    expect(run).toMatchObject({ conclusion: "skipped", output: { title: "Skipped by @maintainer: config-only change, no new architecture" } });
    const skipped =
      "<!-- shipshape:adr -->\n### ⏭️ ADR check skipped by @maintainer\n\n" +
      "**Reason:** config-only change, no new architecture\n\n" +
      "@maintainer skipped `shipshape/adr` with `/shipshape skip adr` on 2024-06-03. Without the skip it would need an ADR, because it has the `architecture` label.\n\n" +
      "<sub>Should it apply after all? Someone with write access can comment `/shipshape unskip adr`.</sub>";
    expect(github.requests.find((r) => r.method === "PATCH" && r.path.includes("/issues/comments/"))?.body).toEqual({ body: skipped });
    expect(github.comments).toHaveLength(1);
    expect(github.requests.at(-1)?.body).toEqual({ content: "+1" });
    expect(github.reactions).toEqual([{ commentId: 9001, content: "+1" }]);
    expect(await listOverrides(app.db, { repoId: REPO_ID, prNumber: PR })).toEqual([
      { check: "adr", user: "maintainer", reason: "config-only change, no new architecture", at: "2024-06-03T09:59:00.000Z" },
    ]);

    github.requests.length = 0;
    await app.probot.receive(commentEvent(9002, "/shipshape unskip adr", "maintainer") as never);
    expect(calls(github)).toEqual([
      `GET /repos/${OWNER}/${REPO}/pulls/${PR}`,
      `GET /repos/${OWNER}/${REPO}/contents/docs/adr`,
      `PATCH /repos/${OWNER}/${REPO}/check-runs/${run?.id}`,
      `PATCH /repos/${OWNER}/${REPO}/issues/comments/${commentId}`,
      `POST /repos/${OWNER}/${REPO}/issues/comments/9002/reactions`,
    ]);
    // Config, files and the comment's id come from the caches; the permission is cached for a minute.
    expect(github.checkRun("shipshape/adr")).toMatchObject({ conclusion: "failure", output: { title: "Add docs/adr/0003-move-sessions-to-redis.md, or cite an existing ADR" } });
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toBe(missingBody);
    expect(github.requests.at(-1)?.body).toEqual({ content: "+1" });
    expect(github.reactions.at(-1)).toEqual({ commentId: 9002, content: "+1" });
    expect(await listOverrides(app.db, { repoId: REPO_ID, prNumber: PR })).toEqual([]);
    expect(github.unhandled).toEqual([]);
  });

  it("refuses an unskip from a reader with one reply, no reaction, and keeps the skip", async () => {
    await app.probot.receive(commentEvent(9001, "/shipshape skip adr config-only", "maintainer") as never);
    github.requests.length = 0;
    await app.probot.receive(commentEvent(9003, "/shipshape unskip adr", "reader") as never);
    expect(github.writes().map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      {
        method: "POST",
        path: `/repos/${OWNER}/${REPO}/issues/${PR}/comments`,
        body: { body: "@reader only people with write access to Codertocat/Hello-World can undo a skip. Ask a maintainer to comment `/shipshape unskip adr` if the check should apply again." },
      },
    ]);
    expect(github.reactions.map((r) => r.commentId)).toEqual([9001]);
    expect(github.checkRun("shipshape/adr")?.conclusion).toBe("skipped");
    expect(await listOverrides(app.db, { repoId: REPO_ID, prNumber: PR })).toHaveLength(1);
  });

  it("reacts 👍 to a refresh, and a refresh leaves the skip standing", async () => {
    await app.probot.receive(commentEvent(9001, "/shipshape skip adr config-only", "maintainer") as never);
    const skippedBody = github.comments[0]?.body;
    await app.probot.receive(commentEvent(9004, "/shipshape refresh", "maintainer") as never);
    expect(github.reactions.map((r) => r.commentId)).toEqual([9001, 9004]);
    expect(github.comments[0]?.body).toBe(skippedBody);
    expect(github.checkRun("shipshape/adr")?.conclusion).toBe("skipped");
  });
});
