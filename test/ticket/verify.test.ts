import { beforeEach, describe, expect, it } from "vitest";
import { example } from "../helpers/examples.js";
import { useTestApp } from "../helpers/test-app.js";
import { OWNER, PR_NUMBER, pullRequestEvent, REPO, requested, servesIssues, servesPullRequest, type PullRequestPayload } from "./fixtures.js";

// The issue cache lives for the process: each test names issues no other test uses.
describe("tickets.verify", () => {
  const { app, github } = useTestApp();
  let delivery = 0;
  const receive = (payload: PullRequestPayload) => app.probot.receive({ id: String(++delivery), name: "pull_request", payload } as never);
  const issuePath = (n: number, repo = `${OWNER}/${REPO}`) => `/repos/${repo}/issues/${n}`;

  beforeEach(() => {
    github.hasConfig(OWNER, REPO, "tickets:\n  verify: true\n");
    github.hasCommits(PR_NUMBER, []);
  });

  it("accepts a reference to an existing issue", async () => {
    servesIssues(github, { [`${OWNER}/${REPO}#11`]: "issue" });
    await receive(pullRequestEvent("opened", { title: "Fix #11" }));
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe("success");
    expect(requested(github, "GET", issuePath(11))).toBe(1);
  });

  it("rejects pull requests and missing issues, and says so", async () => {
    servesIssues(github, { [`${OWNER}/${REPO}#21`]: "pull-request" });
    await receive(pullRequestEvent("opened", { title: "Follow-up to #21", body: "Closes acme/web#22" }));
    const run = github.checkRun("shipshape/ticket");
    expect(run?.conclusion).toBe("failure");
    expect(run?.output.title).toBe("Link an open ticket: #21 is a pull request; acme/web#22 does not exist");
    expect(run?.output.summary).toContain("Not counted (`tickets.verify`):\n- #21 (GitHub) in the title: a pull request, not an issue\n- acme/web#22 (GitHub) in the body: no such issue (or Shipshape cannot see its repository)");
    expect(requested(github, "GET", issuePath(22, "acme/web"))).toBe(1);
  });

  it("looks nothing up when a Jira key already holds", async () => {
    await receive(pullRequestEvent("opened", { title: "ENG-3 fixes #31" }));
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe("success");
    expect(github.requests.filter((request) => request.path.includes("/issues/"))).toEqual([]);
  });

  it("caches lookups across events, and looks again on refresh-like triggers", async () => {
    servesIssues(github, { [`${OWNER}/${REPO}#41`]: "issue" });
    await receive(pullRequestEvent("opened", { title: "Fix #41" }));
    await receive(pullRequestEvent("edited", { title: "Fix #41 properly" }, { title: { from: "Fix #41" } }));
    expect(requested(github, "GET", issuePath(41))).toBe(1);
    const edited = pullRequestEvent("edited", { title: "Fix #41 properly" });
    servesPullRequest(github, edited.pull_request);
    await app.probot.receive({ id: String(++delivery), name: "check_suite", payload: example("check_suite", "rerequested") } as never);
    expect(requested(github, "GET", issuePath(41))).toBe(2);
    expect(github.checkRun("shipshape/ticket")?.conclusion).toBe("success");
  });
});
