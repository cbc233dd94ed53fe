import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { readTrackerCredentials } from "../../src/trackers/tracker-credentials.js";
import { DEFAULT_TRACKER_IO } from "../../src/trackers/request-tracker.js";
import { startFakeJira } from "../helpers/fake-jira.js";
import { startFakeLinear } from "../helpers/fake-linear.js";
import { useTestApp } from "../helpers/test-app.js";
import { OWNER, PR_NUMBER, pullRequestEvent, REPO, servesIssues, type PullRequestPayload } from "./fixtures.js";

// ADR 0013. Jira and Linear are real HTTP servers on loopback that answer from state and record
// every request; the app reaches them with plain fetch, configured as an operator would.
const JIRA_TOKEN = "NjM1MzA1NjQ3ODk2OpZ";
const LINEAR_KEY = "lin_api_test0123456789";
const jira = await startFakeJira({ authorization: `Bearer ${JIRA_TOKEN}` });
const linear = await startFakeLinear({ apiKey: LINEAR_KEY });
afterAll(async () => {
  await jira.close();
  await linear.close();
});

const waits: number[] = [];
const warnings: string[] = [];
const environment = (jiraToken = JIRA_TOKEN, linearKey = LINEAR_KEY) =>
  readTrackerCredentials({ SHIPSHAPE_JIRA: `${OWNER}=${jira.url},bearer:${jiraToken}`, SHIPSHAPE_LINEAR: `${OWNER}=${linear.url},${linearKey}` }).credentials;
let credentials = environment();

describe("tickets.verify against Jira and Linear", () => {
  const { app, github } = useTestApp({
    deps: () => ({
      // A getter: the pipeline reads the credentials per evaluation, so a test may swap them.
      settings: {
        apiToken: "t",
        backfillDays: 90,
        dataDir: ":memory:",
        get trackers() {
          return credentials;
        },
      },
      trackers: { io: { fetch: DEFAULT_TRACKER_IO.fetch, sleep: async (ms) => void waits.push(ms) }, warn: (line) => void warnings.push(line) },
    }),
  });
  let delivery = 0;
  const receive = (payload: PullRequestPayload) => app.probot.receive({ id: String(++delivery), name: "pull_request", payload } as never);
  const ticketRun = () => github.checkRun("shipshape/ticket");
  const jiraAsked = () => jira.requests.map(({ method, url, authorization }) => `${method} ${url} ${authorization ?? "-"}`);
  const issueUrl = (key: string) => `GET /rest/api/2/issue/${key}?fields=status,issuetype,summary Bearer ${JIRA_TOKEN}`;

  beforeEach(() => {
    jira.reset();
    linear.reset();
    waits.length = 0;
    warnings.length = 0;
    credentials = environment();
    github.hasConfig(OWNER, REPO, "tickets:\n  verify: true\n  providers: [github, jira, { linear: { teams: [DES] } }]\n");
    github.hasCommits(PR_NUMBER, []);
  });

  describe("Jira (Data Center: bearer token, REST v2)", () => {
    it("passes on an open issue and shows its title, status and link", async () => {
      jira.hasIssue("ENG-1", { summary: "Login fails with SSO", status: "In Progress", category: "indeterminate" });
      await receive(pullRequestEvent("opened", { title: "ENG-1 Fix the SSO callback" }));
      expect(jiraAsked()).toEqual([issueUrl("ENG-1")]);
      expect(ticketRun()?.conclusion).toBe("success");
      expect(ticketRun()?.output.title).toBe("Linked to ENG-1");
      expect(ticketRun()?.output.summary).toBe(
        [
          "This PR links a ticket, so reviewers and release notes can trace why it exists.",
          "",
          `- ENG-1 (Jira) in the title: [Login fails with SSO](<${jira.url}/browse/ENG-1>), In Progress`,
          "",
          "Searched: the title, the branch `changes`, the description.",
        ].join("\n"),
      );
    });

    it("fails when the only reference does not exist", async () => {
      await receive(pullRequestEvent("opened", { title: "ENG-404 Tidy up" }));
      expect(jiraAsked()).toEqual([issueUrl("ENG-404")]);
      expect(ticketRun()?.conclusion).toBe("failure");
      expect(ticketRun()?.output.title).toBe("Link an open ticket: ENG-404 does not exist");
      expect(ticketRun()?.output.summary).toContain("Not counted (`tickets.verify`):\n- ENG-404 (Jira) in the title: no such issue\n");
    });

    it("fails when the only reference is done, and names its status", async () => {
      jira.hasIssue("ENG-2", { summary: "Old bug", status: "Closed", category: "done" });
      await receive(pullRequestEvent("opened", { title: "ENG-2 Follow-up" }));
      expect(ticketRun()?.conclusion).toBe("failure");
      expect(ticketRun()?.output.title).toBe("Link an open ticket: ENG-2 is Closed");
      expect(ticketRun()?.output.summary).toContain(`- ENG-2 (Jira) in the title: [Old bug](<${jira.url}/browse/ENG-2>) is Closed, which does not count here (refused: done)`);
    });

    it("judges statuses as the repo says: allowed ones only", async () => {
      github.hasConfig(OWNER, REPO, "tickets:\n  verify:\n    jira:\n      statuses:\n        allowed: [In Progress, In Review]\n");
      jira.hasIssue("ENG-3", { summary: "Backlog item", status: "To Do", category: "new" });
      jira.hasIssue("ENG-4", { summary: "Review me", status: "In Review", category: "indeterminate" });
      await receive(pullRequestEvent("opened", { title: "ENG-3 and ENG-4" }));
      expect(jiraAsked()).toEqual([issueUrl("ENG-3"), issueUrl("ENG-4")]);
      expect(ticketRun()?.conclusion).toBe("success");
      expect(ticketRun()?.output.summary).toContain("- ENG-3 (Jira) in the title: [Backlog item]");
      expect(ticketRun()?.output.summary).toContain("To Do, which does not count here (allowed: in progress, in review)");
    });

    it("concludes neutral when Jira answers 503, and asks again on the next event", async () => {
      jira.answersNext([503]);
      await receive(pullRequestEvent("opened", { title: "ENG-5 Fix" }));
      expect(ticketRun()?.conclusion).toBe("neutral");
      expect(ticketRun()?.output.title).toBe("Could not verify ENG-5: Jira answered 503");
      expect(ticketRun()?.output.summary).toContain("- ENG-5 (Jira) in the title: could not verify: Jira answered 503");
      jira.hasIssue("ENG-5", { summary: "Fix", status: "In Progress", category: "indeterminate" });
      await receive(pullRequestEvent("synchronize", { title: "ENG-5 Fix" }));
      expect(jiraAsked()).toEqual([issueUrl("ENG-5"), issueUrl("ENG-5")]);
      expect(ticketRun()?.conclusion).toBe("success");
    });

    it("waits out a short Retry-After once, then asks again", async () => {
      jira.answersNext([429, { "retry-after": "2" }]);
      jira.hasIssue("ENG-6", { summary: "Rate", status: "In Progress", category: "indeterminate" });
      await receive(pullRequestEvent("opened", { title: "ENG-6" }));
      expect(waits).toEqual([2000]);
      expect(jiraAsked()).toEqual([issueUrl("ENG-6"), issueUrl("ENG-6")]);
      expect(ticketRun()?.conclusion).toBe("success");
    });

    it("does not wait out a long Retry-After: neutral, not failed", async () => {
      jira.answersNext([429, { "retry-after": "120" }]);
      await receive(pullRequestEvent("opened", { title: "ENG-7" }));
      expect(waits).toEqual([]);
      expect(jiraAsked()).toEqual([issueUrl("ENG-7")]);
      expect(ticketRun()?.conclusion).toBe("neutral");
      expect(ticketRun()?.output.title).toBe("Could not verify ENG-7: Jira answered 429 (rate limited, retry after 120 s)");
    });

    it("on bad credentials: neutral, a check text that says verification is misconfigured, one operator line", async () => {
      credentials = environment("revoked-token");
      await receive(pullRequestEvent("opened", { title: "ENG-8 One" }));
      await receive(pullRequestEvent("edited", { title: "ENG-9 Two" }, { title: { from: "ENG-8 One" } }));
      expect(jira.requests.map((r) => r.authorization)).toEqual(["Bearer revoked-token", "Bearer revoked-token"]);
      expect(ticketRun()?.conclusion).toBe("neutral");
      expect(ticketRun()?.output.title).toBe("Ticket verification is misconfigured: could not verify ENG-9");
      expect(ticketRun()?.output.summary).toContain("the Shipshape operator needs to fix the ticket system's credentials");
      expect(ticketRun()?.output.summary).toContain("- ENG-9 (Jira) in the title: could not verify: Jira refused Shipshape's credentials (401)");
      expect(warnings).toEqual(["ticket verification: Jira refused Shipshape's credentials (401) for codertocat; fix its entry in SHIPSHAPE_JIRA"]);
      expect(JSON.stringify(ticketRun()?.output)).not.toContain("revoked-token");
    });

    it("caches an answer across events", async () => {
      jira.hasIssue("ENG-10", { summary: "Cached", status: "In Progress", category: "indeterminate" });
      await receive(pullRequestEvent("opened", { title: "ENG-10" }));
      await receive(pullRequestEvent("edited", { title: "ENG-10 again" }, { title: { from: "ENG-10" } }));
      expect(jiraAsked()).toEqual([issueUrl("ENG-10")]);
    });

    it("without credentials for the owner, verify: true leaves Jira keys unverified", async () => {
      credentials = readTrackerCredentials({}).credentials;
      await receive(pullRequestEvent("opened", { title: "ENG-11" }));
      expect(jira.requests).toEqual([]);
      expect(ticketRun()?.conclusion).toBe("success");
    });

    it("naming jira without credentials for the owner is misconfigured", async () => {
      credentials = readTrackerCredentials({}).credentials;
      github.hasConfig(OWNER, REPO, "tickets:\n  verify: { jira: true }\n");
      await receive(pullRequestEvent("opened", { title: "ENG-12" }));
      expect(jira.requests).toEqual([]);
      expect(ticketRun()?.conclusion).toBe("neutral");
      expect(ticketRun()?.output.summary).toContain("could not verify: Shipshape has no Jira credentials for Codertocat");
      expect(warnings).toEqual(["ticket verification: Codertocat/Hello-World asks for Jira verification but SHIPSHAPE_JIRA has no entry for codertocat"]);
    });
  });

  describe("Linear (GraphQL issue(id:))", () => {
    const linearAsked = () => linear.requests.map(({ method, url, authorization, body }) => ({ method, url, authorization, variables: (body as { variables: unknown }).variables }));
    const asked = (id: string) => ({ method: "POST", url: "/graphql", authorization: LINEAR_KEY, variables: { id } });
    // Linear alone: a DES-5 would otherwise be taken for a Jira key too.
    beforeEach(() => {
      github.hasConfig(OWNER, REPO, "tickets:\n  verify: true\n  providers: [github, { linear: { teams: [DES] } }]\n");
    });

    it("passes on a started issue", async () => {
      linear.hasIssue("DES-5", { title: "New onboarding", state: "In Progress", type: "started" });
      await receive(pullRequestEvent("opened", { title: "DES-5 Onboarding copy" }));
      expect(linearAsked()).toEqual([asked("DES-5")]);
      expect((linear.requests[0]?.body as { query: string }).query).toContain("issue(id: $id)");
      expect(ticketRun()?.conclusion).toBe("success");
      expect(ticketRun()?.output.summary).toContain("- DES-5 (Linear) in the title: [New onboarding](<https://linear.app/acme/issue/des-5>), In Progress");
    });

    it("fails on a missing or completed issue", async () => {
      linear.hasIssue("DES-6", { title: "Shipped", state: "Done", type: "completed" });
      await receive(pullRequestEvent("opened", { title: "DES-6 DES-7 polish" }));
      expect(linearAsked()).toEqual([asked("DES-6"), asked("DES-7")]);
      expect(ticketRun()?.conclusion).toBe("failure");
      expect(ticketRun()?.output.title).toBe("Link an open ticket: DES-6 is Done; DES-7 does not exist");
    });

    it("concludes neutral on 502 and on a long 429", async () => {
      linear.answersNext([502]);
      await receive(pullRequestEvent("opened", { title: "DES-8" }));
      expect(ticketRun()?.output.title).toBe("Could not verify DES-8: Linear answered 502");
      linear.answersNext([429, { "retry-after": "60" }]);
      await receive(pullRequestEvent("edited", { title: "DES-9" }, { title: { from: "DES-8" } }));
      expect(ticketRun()?.conclusion).toBe("neutral");
      expect(ticketRun()?.output.title).toBe("Could not verify DES-9: Linear answered 429 (rate limited, retry after 60 s)");
    });

    it("on a bad API key: misconfigured, one operator line", async () => {
      credentials = environment(JIRA_TOKEN, "lin_api_wrong");
      await receive(pullRequestEvent("opened", { title: "DES-10" }));
      expect(ticketRun()?.conclusion).toBe("neutral");
      expect(ticketRun()?.output.title).toBe("Ticket verification is misconfigured: could not verify DES-10");
      expect(warnings).toEqual(["ticket verification: Linear refused Shipshape's API key for codertocat; fix its entry in SHIPSHAPE_LINEAR"]);
    });
  });

  describe("GitHub issues and the Development sidebar", () => {
    const graphqlRequests = () => github.requests.filter((request) => request.path === "/graphql");

    it("refuses a closed issue by default", async () => {
      github.route("GET", /^\/repos\/Codertocat\/Hello-World\/issues\/51$/, () => [200, { number: 51, title: "Old", state: "closed", html_url: "https://github.com/Codertocat/Hello-World/issues/51" }]);
      await receive(pullRequestEvent("opened", { title: "Fix #51" }));
      expect(ticketRun()?.conclusion).toBe("failure");
      expect(ticketRun()?.output.title).toBe("Link an open ticket: #51 is closed");
    });

    it("passes a PR linked in the sidebar without any reference in its text, in one GraphQL request", async () => {
      github.hasLinkedIssues(PR_NUMBER, [{ owner: OWNER, repo: REPO, number: 61, title: "Dark mode" }]);
      await receive(pullRequestEvent("opened", { title: "Add a dark theme", body: "" }));
      expect(graphqlRequests()).toHaveLength(1);
      expect(graphqlRequests()[0]?.body).toMatchObject({ variables: { owner: OWNER, repo: REPO, number: PR_NUMBER } });
      expect(github.requests.filter((request) => request.path.includes("/issues/"))).toEqual([]);
      expect(ticketRun()?.conclusion).toBe("success");
      expect(ticketRun()?.output.summary).toContain(`- #61 (GitHub) in the Development sidebar: [Dark mode](<https://github.com/${OWNER}/${REPO}/issues/61>), open`);
    });

    it("does not ask GitHub for links when the text already has a ticket", async () => {
      servesIssues(github, { [`${OWNER}/${REPO}#62`]: "issue" });
      await receive(pullRequestEvent("opened", { title: "Fix #62" }));
      expect(graphqlRequests()).toEqual([]);
      expect(ticketRun()?.conclusion).toBe("success");
    });
  });
});
