import { describe, expect, it } from "vitest";
import { ticketRule, type TicketFacts } from "../../src/checks/ticket/ticket-rule.js";
import { configSchema, type ConfigInput } from "../../src/config/schema.js";

function makeFacts(overrides: Partial<TicketFacts> = {}): TicketFacts {
  return { owner: "acme", repo: "pay", title: "Retry refunds", headRef: "retry-refunds", body: "", labels: [], author: { login: "octocat" }, draft: false, ...overrides };
}
const tickets = (input: ConfigInput["tickets"] = {}) => configSchema.parse({ tickets: input }).tickets;

function judged(facts: Partial<TicketFacts>, config: ConfigInput["tickets"]): { title: string; summary: string } {
  const result = ticketRule(makeFacts(facts), tickets(config));
  if (result.outcome !== "fail") throw new Error(`expected a failure, got ${result.outcome}`);
  return { title: result.title, summary: result.summary };
}

describe("ticket check texts", () => {
  it("gives the example of the repository's own Jira key, in code spans in the summary", () => {
    const { title, summary } = judged({}, { providers: [{ jira: { keys: ["pay"] } }, "github"] });
    expect(title).toBe("Add a ticket reference to the title, e.g. PAY-123");
    expect(summary).toContain("What counts: Jira keys of `PAY` (`PAY-123`); GitHub issues (`#123`, `owner/repo#123`, issue URLs, `fixes #123`).");
  });

  it("never leaves a bare #123 in the summary, which GitHub would autolink to a real issue", () => {
    const { summary } = judged({}, { providers: ["github", "azure-boards", "shortcut"] });
    expect(summary.replace(/`[^`]*`/g, "")).not.toMatch(/#\d/);
  });

  it("says why a ticket of another project does not count when keys are set", () => {
    const { title, summary } = judged({ title: "ABC-12 Retry refunds" }, { providers: [{ jira: { keys: ["PAY"] } }] });
    expect(title).toBe("Add a ticket reference to the title, e.g. PAY-123: ABC-12 does not count, ABC is not in jira.keys");
    expect(summary).toContain(
      "Not counted: `ABC-12`. `ABC` is not in `jira.keys` of `.github/shipshape.yml`, which lists `PAY`: only tickets of those projects count.\nIf it is your team's project too, add it to `keys`: `{ jira: { keys: [PAY, ABC] } }`.",
    );
  });

  it("names each unlisted project once, from the branch too, and leaves out well-known non-tickets", () => {
    const { summary } = judged({ title: "OPS-4 and UTF-8 handling", headRef: "feature/ops-5-utf" }, { providers: [{ jira: { keys: ["PAY", "CORE"] } }] });
    expect(summary).toContain("Not counted: `OPS-4`, `OPS-5`. `OPS` is not in `jira.keys` of `.github/shipshape.yml`, which lists `PAY`, `CORE`");
    expect(summary).not.toContain("UTF-8");
  });

  it("has no near-miss line when nothing looked like a ticket", () => {
    expect(judged({}, { providers: [{ jira: { keys: ["PAY"] } }] }).summary).not.toContain("Not counted");
  });
});
