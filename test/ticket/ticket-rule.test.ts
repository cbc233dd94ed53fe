import { describe, expect, it } from "vitest";
import { isExempt } from "../../src/checks/ticket/is-exempt.js";
import { ticketRule, type TicketFacts } from "../../src/checks/ticket/ticket-rule.js";
import { configSchema, type ConfigInput } from "../../src/config/schema.js";

function makeFacts(overrides: Partial<TicketFacts> = {}): TicketFacts {
  return { owner: "acme", repo: "api", title: "Update the README", headRef: "changes", body: "", labels: [], author: { login: "octocat" }, draft: false, ...overrides };
}
const tickets = (input: ConfigInput["tickets"] = {}) => configSchema.parse({ tickets: input }).tickets;

describe("isExempt", () => {
  const exempt = tickets({ exempt: { labels: ["no-ticket", "chore"], authors: ["dependabot[bot]"], branches: ["release/*", "hotfix/**"], drafts: true } }).exempt;
  it.each([
    [{}, null],
    [{ labels: ["CHORE"] }, { kind: "label", label: "chore" }],
    [{ author: { login: "Dependabot[bot]" } }, { kind: "author", login: "Dependabot[bot]" }],
    [{ headRef: "release/1.2" }, { kind: "branch", branch: "release/1.2", glob: "release/*" }],
    [{ headRef: "release/1.2/fix" }, null],
    [{ headRef: "hotfix/a/b" }, { kind: "branch", branch: "hotfix/a/b", glob: "hotfix/**" }],
    [{ draft: true }, { kind: "draft" }],
    [{ draft: true, labels: ["no-ticket"] }, { kind: "label", label: "no-ticket" }],
    [{ author: { login: "renovate-bot", isBot: true } }, { kind: "bot", login: "renovate-bot" }],
    [{ author: { login: "octocat", isBot: false } }, null],
  ])("%j -> %j", (overrides, expected) => {
    expect(isExempt(makeFacts(overrides as Partial<TicketFacts>), exempt)).toEqual(expected);
  });

  it("does not exempt drafts when drafts is false", () => {
    expect(isExempt(makeFacts({ draft: true }), tickets({ exempt: { drafts: false } }).exempt)).toBeNull();
  });
});

describe("ticketRule", () => {
  it.each<[string, Partial<TicketFacts>, ConfigInput["tickets"], string, string]>([
    ["title key", { title: "ENG-1 Fix" }, {}, "pass", "Linked to ENG-1"],
    ["several", { title: "ENG-1 Fix", body: "Fixes #4, #5 and OPS-2" }, {}, "pass", "Linked to ENG-1, #4, #5 and 1 more"],
    ["title not searched", { title: "ENG-1 Fix" }, { sources: ["branch", "body"] }, "fail", "Add a ticket reference to the branch name, e.g. #123"],
    ["body only", {}, { sources: ["body"], providers: ["jira"] }, "fail", "Add a ticket reference to the description, e.g. ENG-123"],
    ["jira keys example", {}, { providers: [{ jira: { keys: ["plat"] } }] }, "fail", "Add a ticket reference to the title, e.g. PLAT-123"],
    ["linear example", {}, { providers: [{ linear: { teams: ["Web"] } }] }, "fail", "Add a ticket reference to the title, e.g. WEB-123"],
    ["commits read", { commits: [{ sha: "f00dfeed".padEnd(40, "0"), message: "Refs #9" }] }, {}, "pass", "Linked to #9"],
    ["commits not a source", { commits: [{ sha: "f00dfeed".padEnd(40, "0"), message: "Refs #9" }] }, { sources: ["title"] }, "fail", "Add a ticket reference to the title, e.g. #123"],
    ["exempt wins", { title: "no ticket", labels: ["no-ticket"] }, {}, "exempt", "No ticket needed: labelled no-ticket"],
    ["bot by user type", { author: { login: "acme-deps", isBot: true }, body: "Fixes #3" }, {}, "exempt", "No ticket needed for PRs by bots (acme-deps)"],
    ["non-ticket key", { title: "ES-12 Retry" }, {}, "fail", "Add a ticket reference to the title, or list ES in jira.keys if ES-12 is one"],
    ["non-ticket key listed", { title: "ES-12 Retry" }, { providers: [{ jira: { keys: ["es"] } }] }, "pass", "Linked to ES-12"],
  ])("%s", (_name, facts, config, outcome, title) => {
    const result = ticketRule(makeFacts(facts), tickets(config));
    expect(result.outcome).toBe(outcome);
    expect(result.outcome !== "silent" && result.title).toBe(title);
  });

  it("says to set keys only when Jira runs without them", () => {
    const denied = ticketRule(makeFacts({ title: "ES-12 Retry", headRef: "sprint-4" }), tickets({}));
    expect(denied.outcome === "fail" && denied.summary).toContain(
      "Not counted: `ES-12`, `SPRINT-4`. `ES`, `SPRINT` are on Shipshape's list of common non-tickets (standards, versions, branch words).\nIf one is your Jira project key, list your keys in `.github/shipshape.yml`: `tickets.providers: [{ jira: { keys: [ES, SPRINT] } }]`; then only those keys count.",
    );
    const keyed = ticketRule(makeFacts({ title: "ES-12 Retry" }), tickets({ providers: ["github", { jira: { keys: ["OPS"] } }] }));
    expect(keyed.outcome === "fail" && keyed.summary).not.toContain("Not counted");
    const githubOnly = ticketRule(makeFacts({ title: "ES-12 Retry" }), tickets({ providers: ["github"] }));
    expect(githubOnly.outcome === "fail" && githubOnly.summary).not.toContain("Not counted");
  });

  it("lists every reference with where it was found", () => {
    const result = ticketRule(
      makeFacts({ title: "[ENG-1] Fix", headRef: "eng-1-fix", commits: [{ sha: "abc1234".padEnd(40, "0"), message: "ENG-2" }] }),
      tickets({}),
    );
    expect(result.outcome === "pass" && result.summary).toBe(
      [
        "This PR links 2 tickets, so reviewers and release notes can trace why it exists.",
        "",
        "- ENG-1 (Jira) in the title",
        "- ENG-1 (Jira) in the branch",
        "- ENG-2 (Jira) in the commit abc1234",
        "",
        "Searched: the title, the branch `eng-1-fix`, the description, 1 commit message.",
      ].join("\n"),
    );
  });
});
