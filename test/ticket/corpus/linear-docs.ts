import { LINEAR, type CorpusCase } from "./case.js";

// Linear Docs, "GitHub integration": an issue ID in the branch or PR title links the PR; in the
// description, an ID after a magic word does. Closing words: close, closes, closed, closing, fix,
// fixes, fixed, fixing, resolve, resolves, resolved, resolving, complete, completes, completed,
// completing, implement, implements, implemented, implementing. Non-closing: ref, refs,
// references, part of, related to, relates to, contributes to, toward, towards. Several IDs may
// follow one word ("Fixes ENG-123, DES-5, and ENG-256"). A skip word (skip, ignore) before the
// ID keeps the PR from being linked.
const SOURCE = "Linear Docs: GitHub integration, link PRs with magic words";

const words = [
  "close", "closes", "closed", "closing", "fix", "fixes", "fixed", "fixing", "resolve", "resolves", "resolved", "resolving",
  "complete", "completes", "completed", "completing", "implement", "implements", "implemented", "implementing",
  "ref", "refs", "references", "part of", "related to", "relates to", "contributes to", "toward", "towards",
];

export const linearDocs: CorpusCase[] = [
  ...words.map((word): CorpusCase => ({ source: SOURCE, name: `magic word "${word}"`, pr: { body: `${word[0]?.toUpperCase() ?? ""}${word.slice(1)} ENG-123` }, expected: "pass", ids: ["linear:ENG-123"], tickets: LINEAR })),
  { source: SOURCE, name: "the words \"linear issue\"", pr: { body: "Linear issue ENG-123" }, expected: "pass", ids: ["linear:ENG-123"], tickets: LINEAR },
  { source: SOURCE, name: "a list with commas and and", pr: { body: "Fixes ENG-123, DES-5, and ENG-256" }, expected: "pass", ids: ["linear:ENG-123", "linear:DES-5", "linear:ENG-256"], tickets: LINEAR },
  { source: SOURCE, name: "a list without the Oxford comma", pr: { body: "Closes ENG-1, ENG-2 and DES-3" }, expected: "pass", ids: ["linear:ENG-1", "linear:ENG-2", "linear:DES-3"], tickets: LINEAR },
  { source: SOURCE, name: "magic word with a colon", pr: { body: "Fixes: ENG-123" }, expected: "pass", ids: ["linear:ENG-123"], tickets: LINEAR },
  { source: SOURCE, name: "magic word in a commit message", pr: { commits: ["Retry uploads\n\nFixes ENG-77"] }, expected: "pass", ids: ["linear:ENG-77"], tickets: LINEAR },
  { source: SOURCE, name: "ID in the title", pr: { title: "ENG-123 Retry uploads" }, expected: "pass", ids: ["linear:ENG-123"], tickets: LINEAR },
  { source: SOURCE, name: "Linear's branch name", pr: { branch: "jdoe/eng-123-retry-uploads" }, expected: "pass", ids: ["linear:ENG-123"], tickets: LINEAR },
  { source: SOURCE, name: "issue URL in the body", pr: { body: "https://linear.app/acme/issue/ENG-123/retry-uploads" }, expected: "pass", ids: ["linear:ENG-123"], tickets: LINEAR },
  { source: SOURCE, name: "ID in prose without a magic word", pr: { body: "While looking at ENG-123 I saw this." }, expected: "fail", tickets: LINEAR },
  { source: SOURCE, name: "ID of an unlisted team", pr: { body: "Fixes OPS-9" }, expected: "fail", tickets: LINEAR },
  { source: SOURCE, name: "skip word before the ID", pr: { body: "skip ENG-123" }, expected: "fail", tickets: LINEAR },
  { source: SOURCE, name: "ignore word before the ID", pr: { body: "Ignore ENG-123" }, expected: "fail", tickets: LINEAR },
  { source: SOURCE, name: "skip word in the title", pr: { title: "Skip ENG-123: rename a variable" }, expected: "fail", tickets: LINEAR },
  { source: SOURCE, name: "a skipped ID and a linked one", pr: { body: "skip ENG-1\nFixes ENG-2" }, expected: "pass", ids: ["linear:ENG-2"], tickets: LINEAR },
  { source: SOURCE, name: "magic word inside a longer word", pr: { body: "Prefixes ENG-123" }, expected: "fail", tickets: LINEAR },
  { source: SOURCE, name: "magic word in an HTML comment", pr: { body: "<!-- Fixes ENG-123 -->" }, expected: "fail", hidden: true, tickets: LINEAR },
];
