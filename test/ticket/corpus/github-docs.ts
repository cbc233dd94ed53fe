import { GITHUB_ONLY, type CorpusCase } from "./case.js";

// GitHub Docs, "Linking a pull request to an issue" (closing keywords: close, closes, closed,
// fix, fixes, fixed, resolve, resolves, resolved; `KEYWORD #N`, `KEYWORD OWNER/REPO#N`, one
// keyword per issue, an optional colon) and "Autolinked references and URLs" (`#26`, `GH-26`,
// `owner/repo#26`, issue URLs; nothing is autolinked inside code). What GitHub does not render
// (HTML comments) or renders as code or quotation links nothing.
const DOCS = "GitHub Docs: linking a pull request to an issue; autolinked references and URLs";
const GFM = "GitHub Flavored Markdown spec (code spans, fenced and indented code, block quotes, HTML blocks)";

const keywords = ["close", "closes", "closed", "fix", "fixes", "fixed", "resolve", "resolves", "resolved"];

export const githubDocs: CorpusCase[] = [
  ...keywords.map((word): CorpusCase => ({ source: DOCS, name: `closing keyword "${word}"`, pr: { body: `${word} #10` }, expected: "pass", ids: ["github:#10"], tickets: GITHUB_ONLY })),
  { source: DOCS, name: "keyword in capitals", pr: { body: "CLOSES #10" }, expected: "pass", ids: ["github:#10"], tickets: GITHUB_ONLY },
  { source: DOCS, name: "keyword with a colon", pr: { body: "Fixes: #10" }, expected: "pass", ids: ["github:#10"], tickets: GITHUB_ONLY },
  { source: DOCS, name: "keyword with an issue of another repo", pr: { body: "Fixes octo-org/octo-repo#100" }, expected: "pass", ids: ["github:octo-org/octo-repo#100"], tickets: GITHUB_ONLY },
  { source: DOCS, name: "one keyword per issue", pr: { body: "Resolves #10, resolves #123, resolves octo-org/octo-repo#100" }, expected: "pass", ids: ["github:#10", "github:#123", "github:octo-org/octo-repo#100"], tickets: GITHUB_ONLY },
  { source: DOCS, name: "bare issue number", pr: { body: "Related to #26" }, expected: "pass", ids: ["github:#26"], tickets: GITHUB_ONLY },
  { source: DOCS, name: "GH- autolink", pr: { body: "Follow-up of GH-26" }, expected: "pass", ids: ["github:#26"], tickets: GITHUB_ONLY },
  { source: DOCS, name: "user/repository#number", pr: { body: "Depends on jlord/sheetsee.js#26" }, expected: "pass", ids: ["github:jlord/sheetsee.js#26"], tickets: GITHUB_ONLY },
  { source: DOCS, name: "issue URL", pr: { body: "https://github.com/jlord/sheetsee.js/issues/26" }, expected: "pass", ids: ["github:jlord/sheetsee.js#26"], tickets: GITHUB_ONLY },
  { source: DOCS, name: "keyword with an issue URL", pr: { body: "Closes https://github.com/acme/api/issues/26" }, expected: "pass", ids: ["github:#26"], tickets: GITHUB_ONLY },
  { source: DOCS, name: "keyword in a commit message", pr: { commits: ["Fix the crash\n\nFixes #33"] }, expected: "pass", ids: ["github:#33"], tickets: GITHUB_ONLY },
  { source: DOCS, name: "issue URL on the GitHub Enterprise host the app talks to", host: "ghe.acme.corp", pr: { body: "https://ghe.acme.corp/platform/infra/issues/4" }, expected: "pass", ids: ["github:platform/infra#4"], tickets: GITHUB_ONLY },
  { source: DOCS, name: "github.com issue URL seen from a GitHub Enterprise install", host: "ghe.acme.corp", pr: { body: "Like https://github.com/acme/api/issues/4" }, expected: "fail", tickets: GITHUB_ONLY },
  { source: DOCS, name: "issue URL on another host", pr: { body: "Same as https://ghe.other.corp/acme/api/issues/4" }, expected: "fail", tickets: GITHUB_ONLY },
  // Text GitHub does not show, or shows as code or a quotation.
  { source: GFM, name: "closing keyword inside an HTML comment", pr: { body: "<!-- Fixes #123 -->\nTidy the README." }, expected: "fail", hidden: true, tickets: GITHUB_ONLY },
  { source: GFM, name: "multi-line HTML comment", pr: { body: "## Issue\n<!--\nLink the issue: Fixes #123\n-->\n\nNo issue yet." }, expected: "fail", hidden: true },
  { source: GFM, name: "HTML comment never closed hides the rest", pr: { body: "Tidy.\n\n<!-- template\nFixes #123" }, expected: "fail", hidden: true },
  { source: GFM, name: "reference in a code span", pr: { body: "Parse `#123` as a colour" }, expected: "fail", hidden: true },
  { source: GFM, name: "Jira-shaped text in a code span", pr: { body: "Rename `ABC-123` fixture" }, expected: "fail", hidden: true },
  { source: GFM, name: "double-backtick code span", pr: { body: "Parse ``a `#12` b`` quoted" }, expected: "fail", hidden: true },
  { source: GFM, name: "reference in a fenced block", pr: { body: "Output:\n\n```\nerror in #123\nABC-9 failed\n```\n" }, expected: "fail", hidden: true },
  { source: GFM, name: "reference in a tilde fence", pr: { body: "~~~text\nFixes #123\n~~~" }, expected: "fail", hidden: true },
  { source: GFM, name: "fence never closed runs to the end", pr: { body: "```\nFixes #123" }, expected: "fail", hidden: true },
  { source: GFM, name: "reference in an indented code block", pr: { body: "Log:\n\n    Fixes #123\n    at main.js:1\n" }, expected: "fail", hidden: true },
  { source: GFM, name: "reference in a block quote", pr: { body: "Upstream says:\n\n> Fixes #123 in the parser" }, expected: "fail", hidden: true },
  { source: GFM, name: "lazy continuation of a block quote", pr: { body: "> Release notes\ncontinued with #123\n\nBump the parser." }, expected: "fail", hidden: true },
  { source: GFM, name: "nested block quote", pr: { body: "> > Closes ABC-12" }, expected: "fail", hidden: true },
  { source: GFM, name: "reference after a closed comment still counts", pr: { body: "<!-- template hint -->\nFixes #123" }, expected: "pass", ids: ["github:#123"] },
  { source: GFM, name: "reference after a closed fence still counts", pr: { body: "```\nlog\n```\nFixes #123" }, expected: "pass", ids: ["github:#123"] },
  { source: GFM, name: "reference after a quote and a blank line counts", pr: { body: "> quoted\n\nFixes #123" }, expected: "pass", ids: ["github:#123"] },
  { source: GFM, name: "reference in a list item indented four spaces", pr: { body: "- Changes:\n    - Fixes #123" }, expected: "pass", ids: ["github:#123"] },
  { source: GFM, name: "reference inside details still shows", pr: { body: "<details>\n<summary>More</summary>\n\nFixes #123\n\n</details>" }, expected: "pass", ids: ["github:#123"] },
  { source: GFM, name: "unmatched backtick is literal", pr: { body: "Use a ` then Fixes #123" }, expected: "pass", ids: ["github:#123"] },
];
