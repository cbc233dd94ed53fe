import type { CorpusCase } from "./case.js";

// Title, branch and body shapes common in public repositories' PR lists (conventional commits,
// Jira-linked teams, GitHub-issue-linked projects), with the default config (github and jira).
const CONVENTIONAL = "Conventional Commits titles in public repositories (conventionalcommits.org)";
const JIRA_TEAMS = "Jira-linked PR titles and branches (Atlassian's branch naming guidance: KEY-123-summary)";
const GITHUB_PROJECTS = "GitHub-issue-linked PRs (title suffixes and bodies in open-source projects)";

const rows: Array<[string, string, CorpusCase["pr"], CorpusCase["expected"], string[]?]> = [
  [CONVENTIONAL, "scope but no ticket", { title: "feat(api): add retries", branch: "feat/api-retries" }, "fail"],
  [CONVENTIONAL, "ticket as the scope", { title: "fix(ENG-42): guard the null user", branch: "fix/null-user" }, "pass", ["jira:ENG-42"]],
  [CONVENTIONAL, "ticket in the footer of the body", { title: "fix: guard the null user", branch: "fix/null-user", body: "Guards the user.\n\nRefs: ENG-42" }, "pass", ["jira:ENG-42"]],
  [CONVENTIONAL, "closes footer in a commit", { title: "fix: guard the null user", branch: "fix/null-user", commits: ["fix: guard the null user\n\nCloses #88"] }, "pass", ["github:#88"]],
  [CONVENTIONAL, "breaking-change footer is not a ticket", { title: "feat!: drop Node 18", branch: "drop-node-18", body: "BREAKING CHANGE: Node 18 is no longer supported." }, "fail"],
  [CONVENTIONAL, "version in a chore title", { title: "chore: release v2.3.0", branch: "release-2.3.0" }, "fail"],
  [CONVENTIONAL, "node version in a branch", { title: "ci: test on node 22", branch: "ci/node-22" }, "fail"],
  [CONVENTIONAL, "python version in a title", { title: "build: support Python-3.13", branch: "py313" }, "fail"],
  [JIRA_TEAMS, "key first in the branch", { title: "Retry uploads", branch: "ENG-1234-retry-uploads" }, "pass", ["jira:ENG-1234"]],
  [JIRA_TEAMS, "key after a type folder", { title: "Retry uploads", branch: "bugfix/ENG-1234-retry-uploads" }, "pass", ["jira:ENG-1234"]],
  [JIRA_TEAMS, "lower-case key after a user folder", { title: "Retry uploads", branch: "jdoe/eng-1234" }, "pass", ["jira:ENG-1234"]],
  [JIRA_TEAMS, "key in brackets, lower-case title", { title: "[ENG-1234] retry uploads", branch: "retry" }, "pass", ["jira:ENG-1234"]],
  [JIRA_TEAMS, "key with a pipe", { title: "ENG-1234 | Retry uploads", branch: "retry" }, "pass", ["jira:ENG-1234"]],
  [JIRA_TEAMS, "Jira browse URL in the body", { title: "Retry uploads", branch: "retry", body: "https://acme.atlassian.net/browse/ENG-1234" }, "pass", ["jira:ENG-1234"]],
  [JIRA_TEAMS, "two projects in one title", { title: "ENG-1, OPS-2: share the retry helper", branch: "retry" }, "pass", ["jira:ENG-1", "jira:OPS-2"]],
  [JIRA_TEAMS, "key in a template comment only", { title: "Retry uploads", branch: "retry", body: "## Ticket\n<!-- e.g. ENG-123 -->\n\n## Why\nFaster." }, "fail"],
  [JIRA_TEAMS, "placeholder key left in the template", { title: "Retry uploads", branch: "retry", body: "Ticket: `ENG-XXX`" }, "fail"],
  [JIRA_TEAMS, "web-editor branch", { title: "Update README.md", branch: "octocat-patch-1" }, "fail"],
  [JIRA_TEAMS, "UTF-8 in a title", { title: "Read files as UTF-8", branch: "utf8" }, "fail"],
  [JIRA_TEAMS, "ISO-8601 in a body", { title: "Dates", branch: "dates", body: "Use ISO-8601 everywhere." }, "fail"],
  [JIRA_TEAMS, "CVE in a title", { title: "Patch CVE-2024-3094", branch: "xz" }, "fail"],
  [GITHUB_PROJECTS, "issue in the title suffix", { title: "Retry uploads (fixes #1201)", branch: "retry" }, "pass", ["github:#1201"]],
  [GITHUB_PROJECTS, "issue linked in Markdown", { title: "Retry uploads", branch: "retry", body: "Fixes [#1201](https://github.com/acme/api/issues/1201)" }, "pass", ["github:#1201"]],
  [GITHUB_PROJECTS, "issue of another repo in Markdown", { title: "Retry uploads", branch: "retry", body: "See [this issue](https://github.com/acme/web/issues/9)" }, "pass", ["github:acme/web#9"]],
  [GITHUB_PROJECTS, "discussion URL is not an issue", { title: "Retry uploads", branch: "retry", body: "From https://github.com/acme/api/discussions/12" }, "fail"],
  [GITHUB_PROJECTS, "heading with a number", { title: "Retry uploads", branch: "retry", body: "#1 priority for us" }, "pass", ["github:#1"]],
  [GITHUB_PROJECTS, "colour hex is not an issue", { title: "Retry uploads", branch: "retry", body: "Use #fff for the border" }, "fail"],
  [GITHUB_PROJECTS, "anchor link is not an issue", { title: "Docs", branch: "docs", body: "See [setup](README.md#3-setup)" }, "fail"],
  [GITHUB_PROJECTS, "issue in the template's checklist code span only", { title: "Docs", branch: "docs", body: "- [x] I linked the issue (`Fixes #123`)" }, "fail"],
];

export const realTitles: CorpusCase[] = rows.map(([source, name, pr, expected, ids]) => ({ source, name, pr, expected, ...(ids ? { ids } : {}) }));
