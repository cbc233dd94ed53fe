import { describe, expect, it } from "vitest";
import { code, escapeMarkdown } from "../../src/lib/markdown-text.js";
import { ticketRule, type TicketFacts } from "../../src/checks/ticket/ticket-rule.js";
import { applyOverride } from "../../src/checks/to-check-run.js";
import { parseCommand } from "../../src/slash-commands/parse-command.js";
import { configCheckResult } from "../../src/config/config-check-result.js";
import { configSchema } from "../../src/config/schema.js";

const ZWSP = "\u200b";
const HOSTILE_BRANCH = "x`<img src=https://evil.test/a.png>`[click](https://evil.test)";

/**
 * What GitHub would render specially, outside code spans: a mention, a link or image opener, an
 * HTML tag, a backtick that opens or closes code. A tiny stand-in for a Markdown parser: it
 * drops the code spans (`code` builds them) and backslash-escaped characters first.
 */
function liveMarkup(markdown: string): string[] {
  const outside = markdown.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, "").replace(/\\[\\`[\]<>]/g, "");
  return [...outside.matchAll(/@[\w-]+|!?\[|<[a-z/]|`|https?:\/\/|www\./gi)].map((match) => match[0]);
}

describe("escapeMarkdown", () => {
  it.each([
    ["plain words stay as they are", "hotfix for the login outage", "hotfix for the login outage"],
    ["mentions of people and teams do not ping", "ask @acme/admins or @octocat", `ask @${ZWSP}acme/admins or @${ZWSP}octocat`],
    ["an email address gets the same harmless zero-width space", "me@example.com", `me@${ZWSP}example.com`],
    ["links and images", "![x](https://a.test/p.png) [click](https://a.test)", `!\\[x\\](https:${ZWSP}//a.test/p.png) \\[click\\](https:${ZWSP}//a.test)`],
    ["HTML", "<img src=x onerror=alert(1)>", "\\<img src=x onerror=alert(1)\\>"],
    ["backticks and backslashes", "a`b\\`c", "a\\`b\\\\\\`c"],
    ["bare URLs", "see www.evil.test and http://evil.test", `see www${ZWSP}.evil.test and http:${ZWSP}//evil.test`],
    ["line breaks", "one\n# two\r\n- three", "one # two - three"],
  ])("%s", (_name, input, expected) => {
    expect(escapeMarkdown(input)).toBe(expected);
    expect(liveMarkup(escapeMarkdown(input))).toEqual([]);
  });
});

describe("code", () => {
  it.each([
    ["src/a.ts", "`src/a.ts`"],
    ["a`b", "``a`b``"],
    ["`x`", "`` `x` ``"],
    [HOSTILE_BRANCH, "``x`<img src=https://evil.test/a.png>`[click](https://evil.test)``"],
    ["two\nlines", "`two lines`"],
  ])("%j -> %s", (input, expected) => {
    expect(code(input)).toBe(expected);
    expect(liveMarkup(code(input))).toEqual([]);
  });
});

describe("user text in check outputs and replies", () => {
  const facts = (overrides: Partial<TicketFacts>): TicketFacts => ({ owner: "acme", repo: "api", title: "Update", headRef: "changes", body: "", labels: [], author: { login: "octocat" }, draft: false, ...overrides });
  const tickets = configSchema.parse({ tickets: { sources: ["title", "branch"] } }).tickets;

  it("a branch name renders no image and no link in the ticket summary", () => {
    const result = ticketRule(facts({ headRef: HOSTILE_BRANCH }), tickets);
    expect(result.outcome).toBe("fail");
    const summary = "summary" in result ? result.summary : "";
    expect(summary).toContain("the branch ``x`<img src=https://evil.test/a.png>`[click](https://evil.test)``");
    expect(liveMarkup(summary)).toEqual([]);
  });

  it("a skip reason pings nobody and links nothing", () => {
    const result = applyOverride({ outcome: "fail", title: "t", summary: "s" }, { check: "ticket", user: "maintainer", reason: "ok @acme/admins ![x](https://evil.test/a.png)", at: "2024-06-03T09:59:00.000Z" });
    const summary = "summary" in result ? result.summary : "";
    expect(summary).toContain(`Reason: ok @${ZWSP}acme/admins !\\[x\\](https:${ZWSP}//evil.test/a.png)`);
    expect(liveMarkup(summary.replace("@maintainer", "").replace(/`\/shipshape [^`]+`/g, ""))).toEqual([]);
  });

  it("a config problem quoting the file's text is escaped", () => {
    const result = configCheckResult({ problems: [{ file: ".github/shipshape.yml", path: "", message: 'unknown key "<img src=x>@acme/admins"' }], source: "pull-request", file: ".github/shipshape.yml" });
    const summary = "summary" in result ? result.summary : "";
    expect(summary).toContain(`- .github/shipshape.yml: unknown key "\\<img src=x\\>@${ZWSP}acme/admins"`);
  });

  it("an unknown command's words are echoed as code, so `@acme/admins` between backticks cannot escape", () => {
    const command = parseCommand("/shipshape a`@acme/admins`b");
    expect(command).toEqual({ kind: "invalid", problem: expect.stringMatching(/^``a`@acme\/admins`b`` is not a Shipshape command/) });
    const problem = command?.kind === "invalid" ? command.problem : "";
    expect(liveMarkup(problem.replace(/`\/shipshape [^`]+`/g, "").replace("`/shipshape refresh`", ""))).toEqual([]);
    const skip = parseCommand("/shipshape skip x`@acme/admins` why");
    expect(skip?.kind === "invalid" ? skip.problem : "").toMatch(/^`` x`@acme\/admins` `` is not a check/);
  });
});
