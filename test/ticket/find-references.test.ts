import { describe, expect, it } from "vitest";
import type { ProviderConfig } from "../../src/config/schema.js";
import { findTicketReferences } from "../../src/checks/ticket/find-ticket-references.js";
import { enabledProviders } from "../../src/checks/ticket/providers/index.js";
import type { Place } from "../../src/model/ticket-references.js";

const DEFAULT: ProviderConfig[] = ["github", "jira"];
const context = { owner: "acme", repo: "api" };

function ids(text: string, place: Place, providers: ProviderConfig[] = DEFAULT): string[] {
  return findTicketReferences({ texts: [{ place, where: place, text }], providers: enabledProviders(providers), context }).map((ref) => `${ref.provider}:${ref.id}`);
}

// [text, place, expected ids, providers?]
type Case = [string, Place, string[], ProviderConfig[]?];

const jira: Case[] = [
  ["feature/ENG-123-add-x", "branch", ["jira:ENG-123"]],
  ["feature/eng-123-add-x", "branch", ["jira:ENG-123"]],
  ["eng-42", "branch", ["jira:ENG-42"]],
  ["jdoe/ops-7_fix_dns", "branch", ["jira:OPS-7"]],
  ["bugfix-eng-99-login", "branch", ["jira:ENG-99"]],
  ["[ENG-123] Fix login redirect", "title", ["jira:ENG-123"]],
  ["(ENG-123) Fix login redirect", "title", ["jira:ENG-123"]],
  ["ENG-123: fix login redirect", "title", ["jira:ENG-123"]],
  ["Fix login redirect (ENG-123)", "title", ["jira:ENG-123"]],
  ["ENG-1, ENG-2: batch fixes", "title", ["jira:ENG-1", "jira:ENG-2"]],
  ["Fix crash. See ENG-12.", "title", ["jira:ENG-12"]],
  ["PROJ_2-77 underscore keys", "title", ["jira:PROJ_2-77"]],
  ["A2B-5 digits in the key", "title", ["jira:A2B-5"]],
  ["STAR-11072-For-5.2", "title", ["jira:STAR-11072"]],
  ["star-11072-for-5.2", "branch", ["jira:STAR-11072"]],
  ["Support UTF-8 file names", "title", []],
  ["Use SHA-256 for checksums", "title", []],
  ["Dates in ISO-8601", "title", []],
  ["Follow RFC-2119 wording", "title", []],
  ["Patch CVE-2024-3094 in xz", "title", []],
  ["Use X-1 as the placeholder", "title", []],
  ["patch-1", "branch", []],
  ["octocat-patch-2", "branch", []],
  ["upgrade-node-20", "branch", []],
  ["renovate/node-20.x", "branch", []],
  ["dependabot/npm_and_yarn/lodash-4.17.21", "branch", []],
  ["Bump LODASH-4.17 to latest", "title", []],
  ["ENG-0123 has a leading zero", "title", []],
  ["ENG-123abc is one word", "title", []],
  ["xENG-123 is inside a word", "title", []],
  ["eng-123 in a title is just text", "title", []],
  ["Eng-123 mixed case in a title", "title", []],
  ["v1.ENG-2 is a version", "title", []],
  ["修复 ENG-123 的登录问题", "title", ["jira:ENG-123"]],
  ["修复ENG-123的登录问题", "title", ["jira:ENG-123"]],
  ["Corrige la redirección — ENG-77 ✅", "title", ["jira:ENG-77"]],
  ["🚀 ENG-5 launch", "title", ["jira:ENG-5"]],
  ["ENG-5 and OPS-6", "title", ["jira:OPS-6"], [{ jira: { keys: ["OPS"] } }]],
  ["UTF-8 is our key", "title", ["jira:UTF-8"], [{ jira: { keys: ["UTF"] } }]],
  ["feature/ops-6", "branch", ["jira:OPS-6"], [{ jira: { keys: ["ops"] } }]],
];

const github: Case[] = [
  ["fixes #12", "body", ["github:#12"]],
  ["Closes acme/web#7", "body", ["github:acme/web#7"]],
  ["Closes acme/api#7", "body", ["github:#7"]],
  ["Resolves: #8 and #9", "body", ["github:#8", "github:#9"]],
  ["Fix login (#42)", "title", ["github:#42"]],
  ["See https://github.com/acme/web/issues/31 for context", "body", ["github:acme/web#31"]],
  ["See https://github.com/acme/api/issues/31#issuecomment-1", "body", ["github:#31"]],
  ["Same as https://github.com/acme/api/pull/30", "body", []],
  // Issue URLs count only on the host the app talks to (github.com here; GHE below).
  ["https://ghe.acme.corp/platform/infra/issues/4", "body", []],
  ["https://sentry.io/organizations/acme/issues/4512345678/", "body", []],
  ["GH-15 follow-up", "title", ["github:#15"]],
  ["Color &#123; entity", "body", []],
  ["Go to page#12 of the doc", "body", []],
  ["We are #1", "title", ["github:#1"]],
  ["Headline\n# Notes\nnothing", "body", []],
  ["#0 is not an issue", "title", []],
  ["123-fix-login-redirect", "branch", ["github:#123"]],
  ["issue-45", "branch", ["github:#45"]],
  ["jdoe/gh-46-retry", "branch", ["github:#46"]],
  ["release/2024", "branch", []],
  ["修复登录#88", "title", ["github:#88"]],
];

const others: Case[] = [
  ["ENG-123 Fix login", "title", ["linear:ENG-123"], [{ linear: { teams: ["ENG"] } }]],
  ["jdoe/eng-123-fix-login", "branch", ["linear:ENG-123"], [{ linear: { teams: ["ENG"] } }]],
  ["Mentions ENG-123 in passing", "body", [], [{ linear: { teams: ["ENG"] } }]],
  ["Fixes ENG-123", "body", ["linear:ENG-123"], [{ linear: { teams: ["ENG"] } }]],
  ["Part of ENG-124", "body", ["linear:ENG-124"], [{ linear: { teams: ["ENG"] } }]],
  ["closes: eng-125", "body", ["linear:ENG-125"], [{ linear: { teams: ["ENG"] } }]],
  ["Resolves ENG-1, ENG-2 and ENG-3", "body", ["linear:ENG-1", "linear:ENG-2", "linear:ENG-3"], [{ linear: { teams: ["ENG"] } }]],
  ["Ref OPS-9", "body", [], [{ linear: { teams: ["ENG"] } }]],
  ["Prefix ENG-5", "body", [], [{ linear: { teams: ["ENG"] } }]],
  ["https://linear.app/acme/issue/ENG-321/fix-login", "body", ["linear:ENG-321"], [{ linear: { teams: ["ENG"] } }]],
  ["Task: https://app.asana.com/0/1200000000000001/1200000000000002/f", "body", ["asana:Asana task 1200000000000002"], ["asana"]],
  ["https://app.asana.com/1/1100/project/1200/task/1300", "body", ["asana:Asana task 1300"], ["asana"]],
  ["https://app.asana.com/1/1100/task/1301?focus=true", "body", ["asana:Asana task 1301"], ["asana"]],
  ["https://asana.com/pricing", "body", [], ["asana"]],
  ["AB#123 Fix login", "title", ["azure-boards:AB#123"], ["azure-boards"]],
  ["Fixes AB#77.", "body", ["azure-boards:AB#77"], ["azure-boards"]],
  ["TAB#12 is not it", "title", [], ["azure-boards"]],
  ["sc-123/fix-login", "branch", ["shortcut:sc-123"], ["shortcut"]],
  ["jdoe/sc-456/retry", "branch", ["shortcut:sc-456"], ["shortcut"]],
  ["[sc-789] Fix login", "title", ["shortcut:sc-789"], ["shortcut"]],
  ["https://app.shortcut.com/acme/story/555/fix-login", "body", ["shortcut:sc-555"], ["shortcut"]],
  ["TICKET-42 done", "title", ["pattern:TICKET-42"], [{ pattern: "TICKET-[0-9]+" }]],
  ["ref:[x99]", "body", ["pattern:x99"], [{ pattern: "\\[(x[0-9]+)\\]" }]],
  ["ENG-1 and #2", "title", ["github:#2", "jira:ENG-1"]],
];

describe("findTicketReferences", () => {
  it.each([...jira, ...github, ...others])("%j in the %s finds %j", (text, place, expected, providers) => {
    expect(ids(text, place, providers)).toEqual(expected);
  });

  it("counts issue URLs of the GitHub Enterprise host the app talks to", () => {
    const found = findTicketReferences({
      texts: [{ place: "body", where: "body", text: "https://ghe.acme.corp/platform/infra/issues/4 and https://github.com/acme/api/issues/5" }],
      providers: enabledProviders(DEFAULT),
      context: { ...context, host: "ghe.acme.corp" },
    });
    expect(found.map((ref) => ref.id)).toEqual(["platform/infra#4"]);
  });

  it("covers at least 60 real-world cases", () => {
    expect(jira.length + github.length + others.length).toBeGreaterThanOrEqual(60);
  });

  it("runs a hostile user pattern over a 50 KB title in linear time", () => {
    const title = "a".repeat(50_000) + "!";
    expect(ids(title, "title", [{ pattern: "(a+)+$" }])).toEqual([]);
    expect(ids("a".repeat(50_000), "title", [{ pattern: "(a+)+$" }])).toEqual([`pattern:${"a".repeat(200)}`]);
  });

  it("cuts each text at 65,536 characters", () => {
    expect(ids(`${" ".repeat(70_000)}ENG-1`, "body")).toEqual([]);
  });
});
