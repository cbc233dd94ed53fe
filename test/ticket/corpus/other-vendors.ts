import type { CorpusCase } from "./case.js";

// Azure Boards docs, "Link GitHub commits and pull requests to work items": `AB#{ID}` in a title,
// description or commit message (and `Fixes AB#{ID}`); the integration matches it in any case.
const AZURE = "Microsoft Learn: Azure Boards GitHub integration, AB# mentions";
// Shortcut Help Center, "GitHub integration": `sc-123` in a branch, `[sc-123]` in a title or
// description, story URLs; the Clubhouse-era forms still link (`ch123`, `[ch123]`,
// app.clubhouse.io story URLs).
const SHORTCUT = "Shortcut Help Center: GitHub integration (and its Clubhouse-era forms)";
// Asana's GitHub integration links task URLs pasted in the description.
const ASANA = "Asana Help Center: GitHub integration, task URLs";

const azure = { providers: ["azure-boards"] } satisfies CorpusCase["tickets"];
const shortcut = { providers: ["shortcut"] } satisfies CorpusCase["tickets"];
const asana = { providers: ["asana"] } satisfies CorpusCase["tickets"];

export const otherVendors: CorpusCase[] = [
  { source: AZURE, name: "AB# in a title", pr: { title: "AB#125 Retry uploads" }, expected: "pass", ids: ["azure-boards:AB#125"], tickets: azure },
  { source: AZURE, name: "Fixes AB# in the body", pr: { body: "Fixes AB#125" }, expected: "pass", ids: ["azure-boards:AB#125"], tickets: azure },
  { source: AZURE, name: "lower-case ab#", pr: { title: "ab#125 retry uploads" }, expected: "pass", ids: ["azure-boards:AB#125"], tickets: azure },
  { source: AZURE, name: "mixed-case Ab#", pr: { commits: ["Retry uploads Ab#126"] }, expected: "pass", ids: ["azure-boards:AB#126"], tickets: azure },
  { source: AZURE, name: "AB# glued to a word", pr: { title: "TAB#12 layout" }, expected: "fail", tickets: azure },
  { source: AZURE, name: "AB# in a code span", pr: { body: "Syntax: `AB#123`" }, expected: "fail", hidden: true, tickets: azure },
  { source: SHORTCUT, name: "sc- in a branch", pr: { branch: "jdoe/sc-123/retry-uploads" }, expected: "pass", ids: ["shortcut:sc-123"], tickets: shortcut },
  { source: SHORTCUT, name: "[sc-] in a title", pr: { title: "[sc-123] Retry uploads" }, expected: "pass", ids: ["shortcut:sc-123"], tickets: shortcut },
  { source: SHORTCUT, name: "story URL", pr: { body: "https://app.shortcut.com/acme/story/123/retry-uploads" }, expected: "pass", ids: ["shortcut:sc-123"], tickets: shortcut },
  { source: SHORTCUT, name: "Clubhouse ch123 in a branch", pr: { branch: "jdoe/ch123/retry-uploads" }, expected: "pass", ids: ["shortcut:sc-123"], tickets: shortcut },
  { source: SHORTCUT, name: "Clubhouse [ch234] in a title", pr: { title: "[ch234] Retry uploads" }, expected: "pass", ids: ["shortcut:sc-234"], tickets: shortcut },
  { source: SHORTCUT, name: "Clubhouse story URL", pr: { body: "https://app.clubhouse.io/acme/story/345/retry-uploads" }, expected: "pass", ids: ["shortcut:sc-345"], tickets: shortcut },
  { source: SHORTCUT, name: "ch inside a word", pr: { title: "Bench123 results" }, expected: "fail", tickets: shortcut },
  { source: SHORTCUT, name: "ch with a dash in prose", pr: { title: "Use the ch-1 chart" }, expected: "fail", tickets: shortcut },
  { source: ASANA, name: "old task URL", pr: { body: "https://app.asana.com/0/1200000000000001/1200000000000002" }, expected: "pass", ids: ["asana:Asana task 1200000000000002"], tickets: asana },
  { source: ASANA, name: "new task URL", pr: { body: "https://app.asana.com/1/1100/project/1200/task/1300" }, expected: "pass", ids: ["asana:Asana task 1300"], tickets: asana },
  { source: ASANA, name: "a project URL is not a task", pr: { body: "https://app.asana.com/0/1200000000000001/list" }, expected: "fail", tickets: asana },
];
