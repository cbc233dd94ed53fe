import { beforeEach, describe, expect, it } from "vitest";
import { useTestApp } from "../helpers/test-app.js";
import { ADR_ONLY, BASE, calls, hasDirectory, OWNER, PR, prEvent, REPO, type PrState } from "./adr-harness.js";

const ADR_TEXT = "# 2. Use PostgreSQL\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n";

describe("shipshape/adr on pull requests: the one comment", () => {
  const { app, github } = useTestApp();
  let state: PrState;
  beforeEach(() => {
    github.hasConfig(OWNER, REPO, ADR_ONLY);
    github.hasPullRequestFiles(PR, [{ filename: "src/sessions/store.ts" }]);
    hasDirectory(github, "docs/adr", ["0001-record-architecture-decisions.md", "0002-use-postgresql.md", "README.md"]);
    github.hasFile(OWNER, REPO, "docs/adr/0002-use-postgresql.md", ADR_TEXT, BASE);
    state = { title: "feat: Move sessions to Redis", body: "Sessions outgrow Postgres.", labels: ["architecture"], sha: "a".repeat(40) };
  });

  const receive = (action: string, extra: Record<string, unknown> = {}) => app.probot.receive(prEvent(action, state, extra) as never);
  const commentWrites = (from = 0) => github.requests.slice(from).filter((r) => r.method !== "GET" && r.path.includes("/comments"));

  it("posts one comment and a failing check on the first event, with exactly these requests", async () => {
    await receive("opened");
    expect(calls(github)).toEqual([
      `GET /repos/${OWNER}/${REPO}/contents/.github/shipshape.yml`,
      `GET /repos/${OWNER}/${REPO}/pulls/${PR}/files`,
      `GET /repos/${OWNER}/${REPO}/contents/docs/adr`,
      `GET /repos/${OWNER}/${REPO}/contents/docs/adr/0002-use-postgresql.md`,
      `POST /repos/${OWNER}/${REPO}/check-runs`,
      `GET /repos/${OWNER}/${REPO}/issues/${PR}/comments`,
      `POST /repos/${OWNER}/${REPO}/issues/${PR}/comments`,
    ]);
    const [, , listingRequest, , checkRunRequest, , commentRequest] = github.requests;
    expect(listingRequest?.query).toEqual({ ref: BASE });
    expect(checkRunRequest?.body).toMatchObject({
      name: "shipshape/adr",
      head_sha: "a".repeat(40),
      status: "completed",
      conclusion: "failure",
      output: { title: "Add docs/adr/0003-move-sessions-to-redis.md, or cite an existing ADR" },
    });
    expect((checkRunRequest?.body as { output: { summary: string } }).output.summary).toMatch(/^This pull request needs an Architecture Decision Record because it has the `architecture` label\.\n\nNone found:/);
    expect(Object.keys(commentRequest?.body as object)).toEqual(["body"]);
    expect(github.comments).toHaveLength(1);
    const body = github.comments[0]?.body ?? "";
    expect(body.startsWith("<!-- shipshape:adr -->\n### 📝 This pull request needs an Architecture Decision Record")).toBe(true);
    expect(body).toContain("**Why:** it has the `architecture` label.");
    expect(body).toContain("`docs/adr/0003-move-sessions-to-redis.md`");
    // The newest ADR is in adr-tools' layout, so the template numbers its title.
    expect(body).toMatch(/```markdown\n# 3\. Move sessions to Redis\n\nDate: \d{4}-\d\d-\d\d\n\n## Status\n\nProposed/);
    expect(body).toContain("`/shipshape skip adr <reason>`");
    expect(github.unhandled).toEqual([]);
  });

  it("leaves the comment alone through ten further events, editing it only when its content changes", async () => {
    await receive("opened");
    const start = github.requests.length;
    const steps: Array<[string, () => Record<string, unknown>]> = [
      ["labeled", () => ((state.labels = ["architecture", "bug"]), { label: { name: "bug" } })],
      ["edited", () => ((state.body = "Sessions outgrow Postgres; see the graphs."), { changes: { body: { from: "x" } } })],
      ["synchronize", () => ((state.sha = "b".repeat(40)), { before: "a".repeat(40), after: state.sha })],
      ["unlabeled", () => ((state.labels = ["architecture"]), { label: { name: "bug" } })],
      ["edited", () => ((state.title = "Use Redis for sessions"), { changes: { title: { from: "x" } } })],
      ["synchronize", () => ((state.sha = "c".repeat(40)), { before: "b".repeat(40), after: state.sha })],
      ["labeled", () => ((state.labels = ["architecture", "performance"]), { label: { name: "performance" } })],
      ["edited", () => ((state.body = "Per ADR-99."), { changes: { body: { from: "x" } } })],
      ["edited", () => ((state.body = "Per ADR-99, really."), { changes: { body: { from: "x" } } })],
      ["synchronize", () => ((state.sha = "d".repeat(40)), { before: "c".repeat(40), after: state.sha })],
    ];
    for (const [action, change] of steps) await receive(action, change());

    expect(github.comments).toHaveLength(1);
    // Two edits: the new title renames the suggested file; the citation of ADR-99 earns a warning.
    expect(commentWrites(start).map((r) => `${r.method} ${r.path}`)).toEqual([
      `PATCH /repos/${OWNER}/${REPO}/issues/comments/${github.comments[0]?.id}`,
      `PATCH /repos/${OWNER}/${REPO}/issues/comments/${github.comments[0]?.id}`,
    ]);
    const body = github.comments[0]?.body ?? "";
    expect(body).toContain("`docs/adr/0003-use-redis-for-sessions.md`");
    expect(body).toContain("> ⚠️ The description cites `ADR-99`, but `docs/adr` on `master` has no such ADR, so it does not count.");
    // The newest ADR's layout was read once: its blob SHA did not change.
    expect(calls(github, start).filter((c) => c.endsWith("0002-use-postgresql.md"))).toEqual([]);
    expect(github.checkRun("shipshape/adr", "d".repeat(40))?.conclusion).toBe("failure");
    expect(github.unhandled).toEqual([]);
  });

  it("edits the same comment to say it is satisfied, then that no ADR is needed any more", async () => {
    await receive("opened");
    const id = github.comments[0]?.id;

    github.hasPullRequestFiles(PR, [{ filename: "src/sessions/store.ts" }, { filename: "docs/adr/0003-move-sessions-to-redis.md", status: "added" }]);
    state.sha = "e".repeat(40);
    const beforeSync = github.requests.length;
    await receive("synchronize", { before: "a".repeat(40), after: state.sha });
    // Holds by the added file: neither the listing nor the sample ADR is read.
    expect(calls(github, beforeSync).filter((c) => c.includes("/contents/docs/adr"))).toEqual([]);
    expect(github.checkRun("shipshape/adr", state.sha)).toMatchObject({ conclusion: "success", output: { title: "ADR added: docs/adr/0003-move-sessions-to-redis.md" } });
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.id).toBe(id);
    expect(github.comments[0]?.body).toBe(
      "<!-- shipshape:adr -->\n### ✅ Architecture Decision Record found\n\n" +
        "This pull request needed an ADR because it has the `architecture` label. It now adds `docs/adr/0003-move-sessions-to-redis.md`. Thank you!",
    );

    state.labels = [];
    await receive("unlabeled", { label: { name: "architecture" } });
    expect(github.checkRun("shipshape/adr", state.sha)).toMatchObject({ conclusion: "success", output: { title: "No ADR needed: no architecture label" } });
    expect(github.comments).toHaveLength(1);
    expect(github.comments[0]?.body).toContain("### Architecture Decision Record no longer needed");
    expect(commentWrites().filter((r) => r.method === "POST")).toHaveLength(1);
    expect(github.unhandled).toEqual([]);
  });

  it("satisfies by citing an ADR that exists on the base branch", async () => {
    await receive("opened");
    state.body = "Builds on ADR-2.";
    await receive("edited", { changes: { body: { from: "x" } } });
    expect(github.checkRun("shipshape/adr")).toMatchObject({ conclusion: "success", output: { title: "ADR cited: ADR-2" } });
    expect(github.comments[0]?.body).toContain("It now cites `ADR-2` (`docs/adr/0002-use-postgresql.md`).");
  });

  it("gives a PR that never needed an ADR a success and no comment at all", async () => {
    state.labels = ["bug"];
    await receive("opened");
    expect(github.checkRun("shipshape/adr")).toMatchObject({ conclusion: "success", output: { title: "No ADR needed: no architecture label" } });
    // No label and no adr.paths: neither the files, the listing nor the comments are read.
    expect(calls(github)).toEqual([
      `GET /repos/${OWNER}/${REPO}/contents/.github/shipshape.yml`,
      `GET /repos/${OWNER}/${REPO}/pulls/${PR}/files`, // the config check's, on opened
      `POST /repos/${OWNER}/${REPO}/check-runs`,
    ]);
    expect(github.comments).toEqual([]);
  });

  it("never posts two comments for two concurrent deliveries", async () => {
    await Promise.all([receive("opened"), receive("labeled", { label: { name: "architecture" } })]);
    expect(github.comments).toHaveLength(1);
    expect(commentWrites().filter((r) => r.method === "POST")).toHaveLength(1);
    expect(github.checkRuns.filter((run) => run.name === "shipshape/adr")).toHaveLength(1);
  });
});
