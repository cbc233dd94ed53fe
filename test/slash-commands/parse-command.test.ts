import { describe, expect, it } from "vitest";
import { MAX_REASON_CHARS, parseCommand, type Command } from "../../src/slash-commands/parse-command.js";

const cases: Array<[string, Command | null]> = [
  ["/shipshape refresh", { kind: "refresh" }],
  ["  /Shipshape   REFRESH  please", { kind: "refresh" }],
  ["/shipshape skip ticket hotfix for the outage", { kind: "skip", check: "ticket", reason: "hotfix for the outage" }],
  ["/shipshape skip ADR  docs only ", { kind: "skip", check: "adr", reason: "docs only" }],
  ["/shipshape skip shipshape/coverage generated code", { kind: "skip", check: "coverage", reason: "generated code" }],
  ["LGTM\n\n/shipshape skip ticket typo fix", { kind: "skip", check: "ticket", reason: "typo fix" }],
  ["/shipshape skip ticket\nRevert of a bad deploy,\nno ticket needed", { kind: "skip", check: "ticket", reason: "Revert of a bad deploy, no ticket needed" }],
  ["/shipshape skip ticket", { kind: "invalid", problem: "Add a reason, so reviewers know why: `/shipshape skip ticket <reason>`." }],
  ["/shipshape skip", { kind: "invalid", problem: "Say which check to skip: use `/shipshape skip ticket|adr|coverage <reason>`." }],
  ["/shipshape skip lint because", { kind: "invalid", problem: "`lint` is not a check Shipshape can skip: use `/shipshape skip ticket|adr|coverage <reason>`." }],
  ["/shipshape", { kind: "invalid", problem: "Say what to do: `/shipshape skip ticket|adr|coverage <reason>`, `/shipshape unskip ticket|adr|coverage` or `/shipshape refresh`." }],
  ["/shipshape deploy now", { kind: "invalid", problem: "`deploy` is not a Shipshape command; use `/shipshape skip ticket|adr|coverage <reason>`, `/shipshape unskip ticket|adr|coverage` or `/shipshape refresh`." }],
  ["/shipshape unskip adr", { kind: "unskip", check: "adr" }],
  ["/Shipshape UNSKIP shipshape/Ticket we found one after all", { kind: "unskip", check: "ticket" }],
  ["/shipshape unskip coverage", { kind: "unskip", check: "coverage" }],
  ["/shipshape unskip", { kind: "invalid", problem: "Say which check to unskip: use `/shipshape unskip ticket|adr|coverage`." }],
  ["/shipshape unskip lint", { kind: "invalid", problem: "`lint` is not a check Shipshape can unskip: use `/shipshape unskip ticket|adr|coverage`." }],
  ["> /shipshape skip ticket quoted\nAgreed", null],
  ["```\n/shipshape refresh\n```", null],
  ["~~~sh\n/shipshape refresh\n~~~\n/shipshape skip adr after the fence", { kind: "skip", check: "adr", reason: "after the fence" }],
  ["Please run /shipshape refresh", null],
  ["/shipshaperefresh", null],
  ["Looks good to me", null],
  ["", null],
];

describe("parseCommand", () => {
  it.each(cases)("%j -> %j", (body, expected) => {
    expect(parseCommand(body)).toEqual(expected);
  });

  it("caps the reason", () => {
    const command = parseCommand(`/shipshape skip ticket ${"x".repeat(2000)}`);
    expect(command).toEqual({ kind: "skip", check: "ticket", reason: "x".repeat(MAX_REASON_CHARS) });
  });
});
