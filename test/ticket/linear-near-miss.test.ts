import { describe, expect, it } from "vitest";
import { linearNearMisses, type LinearMiss } from "../../src/checks/ticket/linear-near-misses.js";
import { ticketRule, type TicketFacts } from "../../src/checks/ticket/ticket-rule.js";
import { configSchema, type ConfigInput } from "../../src/config/schema.js";
import type { Place } from "../../src/model/ticket-references.js";

function makeFacts(overrides: Partial<TicketFacts> = {}): TicketFacts {
  return { owner: "acme", repo: "pay", title: "Retry refunds", headRef: "retry-refunds", body: "", labels: [], author: { login: "octocat" }, draft: false, ...overrides };
}
const tickets = (input: ConfigInput["tickets"] = {}) => configSchema.parse({ tickets: input }).tickets;
const linear = (teams: string[]): ConfigInput["tickets"] => ({ providers: [{ linear: { teams } }] });

function judged(facts: Partial<TicketFacts>, config: ConfigInput["tickets"]): { outcome: string; title: string; summary: string } {
  const result = ticketRule(makeFacts(facts), tickets(config));
  if (result.outcome === "silent") throw new Error("expected a check run, got none");
  return { outcome: result.outcome, title: result.title, summary: result.summary };
}

describe("Linear near misses of one text", () => {
  const misses = (text: string, place: Place, teams = ["ENG"]) =>
    linearNearMisses({ text, place, where: place === "commit" ? "commit abc1234" : place, teams }).map((m: LinearMiss) => `${m.reason} ${m.written} -> ${m.id}`);

  it.each<[string, Place, string[]]>([
    // Another team's ID where an ID would count.
    ["DES-12 Retry refunds", "title", ["team DES-12 -> DES-12"]],
    ["user/des-12-retry", "branch", ["team DES-12 -> DES-12"]],
    ["Fixes DES-12 and ENG-3", "body", ["team DES-12 -> DES-12"]],
    // The team's own ID where Linear does not link it.
    ["Retry refunds for ENG-12", "body", ["magic-word ENG-12 -> ENG-12"]],
    ["Retry refunds\n\nSee ENG-12", "commit", ["magic-word ENG-12 -> ENG-12"]],
    ["eng-12 Retry refunds", "title", ["case eng-12 -> ENG-12"]],
    ["Eng-12: retry refunds", "title", ["case Eng-12 -> ENG-12"]],
    ["ENG 12 Retry refunds", "title", ["dash ENG 12 -> ENG-12"]],
    ["[ENG_12] Retry refunds", "title", ["dash ENG_12 -> ENG-12"]],
    ["Closes ENG 12", "body", ["dash ENG 12 -> ENG-12"]],
  ])("%j in the %s: %j", (text, place, expected) => {
    expect(misses(text, place)).toEqual(expected);
  });

  it.each<[string, Place]>([
    // What counts is no miss; what never meant a ticket is not listed.
    ["ENG-12 Retry refunds", "title"],
    ["Fixes eng-12", "body"],
    ["user/eng-12-retry", "branch"],
    ["Handle UTF-8 and SHA-256 names", "title"],
    ["Bump node to 20, see DES-12 for context", "body"],
    ["skip ENG-12", "body"],
    ["Retry refunds eng-12", "body"],
    ["Upgrade to Python 3", "title"],
    ["ENG-12-retry", "branch"],
  ])("%j in the %s: none", (text, place) => {
    expect(misses(text, place)).toEqual([]);
  });

  it("stays linear on a long body", () => {
    const text = "ENG 1 ".repeat(10_000) + "Fixes ".repeat(5_000);
    expect(misses(text, "body")).toHaveLength(10_000);
  });
});

describe("the ticket check says why a Linear-looking ID did not count", () => {
  it("another team: the fix names the config key and the teams that count", () => {
    const { outcome, title, summary } = judged({ title: "DES-12 Retry refunds" }, linear(["eng", "ops"]));
    expect(outcome).toBe("fail");
    expect(title).toBe("Add a ticket reference to the title, e.g. ENG-123: DES-12 does not count, DES is not in linear.teams");
    expect(summary).toContain(
      "Not counted: `DES-12`. `DES` is not in `linear.teams` of `.github/shipshape.yml`, which lists `ENG`, `OPS`: only issues of those teams count.\nIf it is your team too, add it to `teams`: `{ linear: { teams: [ENG, OPS, DES] } }`.",
    );
  });

  it("an ID of the team in the description without a magic word", () => {
    const { title, summary } = judged({ body: "Retries refunds for ENG-12." }, linear(["ENG"]));
    expect(title).toBe('Write "Fixes ENG-12" or "Part of ENG-12": ENG-12 alone in the description does not count');
    expect(summary).toContain(
      "Not counted: `ENG-12` in the description: there a Linear ID counts only after a magic word, as Linear itself links it. Write `Fixes ENG-12` (closes it on merge) or `Part of ENG-12`, or put `ENG-12` in the title.",
    );
  });

  it("lower case and no dash in the title", () => {
    expect(judged({ title: "eng-12 Retry refunds" }, linear(["ENG"]))).toMatchObject({
      title: "Write ENG-12 in capitals: eng-12 in the title does not count",
      summary: expect.stringContaining("Not counted: `eng-12` in the title: in the title a Linear ID counts in capitals only. Write `ENG-12`."),
    });
    expect(judged({ title: "ENG 12 Retry refunds" }, linear(["ENG"]))).toMatchObject({
      title: "Write ENG-12 with a dash: ENG 12 in the title does not count",
      summary: expect.stringContaining("Not counted: `ENG 12` in the title: a Linear ID has a dash between the team and the number. Write `ENG-12`."),
    });
  });

  it("examples follow the repository's teams, in code spans in the summary", () => {
    const { title, summary } = judged({}, { providers: [{ linear: { teams: ["pay"] } }, "github"] });
    expect(title).toBe("Add a ticket reference to the title, e.g. PAY-123");
    expect(summary).toContain("What counts: Linear issues of `PAY` (in the body after fixes, closes, part of, ref...); GitHub issues (`#123`");
    expect(summary).not.toContain("Not counted");
  });

  it("lists each near miss once, a commit's by its SHA, at most five", () => {
    const commits = [{ sha: "abc1234def", message: "Retry\n\nENG-7" }];
    const config: ConfigInput["tickets"] = { providers: [{ linear: { teams: ["ENG"] } }], sources: ["title", "branch", "body", "commits"] };
    const { summary } = judged({ title: "DES-1 DES-2", headRef: "des-1-x", body: "ENG 3 and ENG 3", commits }, config);
    expect(summary.split("\n").filter((line) => line.startsWith("Not counted"))).toEqual([
      "Not counted: `DES-1`, `DES-2`. `DES` is not in `linear.teams` of `.github/shipshape.yml`, which lists `ENG`: only issues of those teams count.",
      "Not counted: `ENG 3` in the description: a Linear ID has a dash between the team and the number. Write `Fixes ENG-3` or `Part of ENG-3`.",
      "Not counted: `ENG-7` in commit abc1234: there a Linear ID counts only after a magic word, as Linear itself links it. Write `Fixes ENG-7` (closes it on merge) or `Part of ENG-7`, or put `ENG-7` in the title.",
    ]);
    const many = judged({ body: "ENG 1, ENG 2, ENG 3, ENG 4, ENG 5, ENG 6, ENG 7" }, config).summary;
    expect(many.split("\n").filter((line) => line.startsWith("Not counted")).map((line) => line.slice(0, 19))).toEqual(["Not counted: `ENG 1", "Not counted: `ENG 2", "Not counted: `ENG 3", "Not counted: `ENG 4", "Not counted: `ENG 5"]);
  });

  it("a PR that counts has no near-miss text", () => {
    expect(judged({ title: "ENG-12 Retry refunds", body: "ENG 3" }, linear(["ENG"])).outcome).toBe("pass");
  });
});
