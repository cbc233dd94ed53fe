import { describe, expect, it } from "vitest";
import { referenceVerdict, verifyPlan } from "../../src/checks/ticket/verify-plan.js";
import { configSchema, type ConfigInput } from "../../src/config/schema.js";
import type { TicketLookup, TicketReference } from "../../src/model/ticket-references.js";

const verify = (input: NonNullable<ConfigInput["tickets"]>["verify"]) => configSchema.parse({ tickets: { verify: input } }).tickets.verify;

describe("verifyPlan (ADR 0013)", () => {
  it.each<[string, NonNullable<ConfigInput["tickets"]>["verify"], { jira: boolean; linear: boolean }, object]>([
    ["off", false, { jira: true, linear: true }, {}],
    ["true without credentials: GitHub only", true, { jira: false, linear: false }, { github: { refused: ["closed"] } }],
    ["true with credentials", true, { jira: true, linear: true }, { github: { refused: ["closed"] }, jira: { refused: ["done"] }, linear: { refused: ["completed", "canceled"] } }],
    ["per provider, named without credentials", { jira: true }, { jira: false, linear: false }, { jira: { refused: ["done"] } }],
    ["allowed statuses, lower-cased", { jira: { statuses: { allowed: ["In Progress"] } }, github: false }, { jira: true, linear: true }, { jira: { allowed: ["in progress"] } }],
    ["refused statuses", { linear: { statuses: { refused: ["Canceled"] } } }, { jira: true, linear: true }, { linear: { refused: ["canceled"] } }],
  ])("%s", (_name, input, credentials, expected) => {
    expect(verifyPlan(verify(input), credentials)).toEqual(expected);
  });

  it("keeps verify: true|false and refuses both allowed and refused", () => {
    expect(verify(true)).toBe(true);
    expect(() => verify({ jira: { statuses: { allowed: ["A"], refused: ["B"] } as never } })).toThrow();
    expect(() => verify({ asana: true } as never)).toThrow();
  });
});

describe("referenceVerdict", () => {
  const jira: TicketReference = { provider: "jira", id: "ENG-1", where: "title" };
  const found = (status: string, group: string): TicketLookup => ({ kind: "found", title: "T", status, group, url: "https://x/browse/ENG-1" });
  const plan = verifyPlan(true, { jira: true, linear: true });
  it.each<[string, TicketLookup | undefined, object, string]>([
    ["not looked up yet", undefined, plan, "pending"],
    ["in progress", found("In Progress", "indeterminate"), plan, "accepted"],
    ["done by category", found("Closed", "done"), plan, "rejected"],
    ["missing", { kind: "missing" }, plan, "rejected"],
    ["outage", { kind: "unreachable", reason: "Jira answered 503" }, plan, "unverified"],
    ["bad credentials", { kind: "misconfigured", reason: "Jira refused" }, plan, "unverified"],
    ["allowed by name", found("In Review", "indeterminate"), { jira: { allowed: ["in review"] } }, "accepted"],
    ["not allowed", found("To Do", "new"), { jira: { allowed: ["in review"] } }, "rejected"],
    ["not verified: counts as found in the text", undefined, {}, "accepted"],
  ])("%s -> %s", (_name, lookup, rule, state) => {
    expect(referenceVerdict(jira, rule, lookup ? { "jira ENG-1": lookup } : {}).state).toBe(state);
  });

  it("never verifies providers without a client", () => {
    expect(referenceVerdict({ provider: "shortcut", id: "sc-1", where: "title" }, plan, {}).state).toBe("accepted");
  });
});
