import type { CorpusCase } from "./case.js";

// Titles, branches and bodies in the shapes public repositories produce, with the default config
// (github and jira). Each names the repository or tool whose PRs have that shape.

// apache/beam's PR template (.github/PULL_REQUEST_TEMPLATE.md) asks for "fixes #<ISSUE NUMBER>"
// inside an HTML comment, so every PR opened from it carried an example reference (apache/beam#21802).
const beamTemplate = [
  "**Please** add a meaningful description for your change here",
  "",
  "------------------------",
  "",
  "Thank you for your contribution! Follow this checklist to help us incorporate your contribution quickly and easily:",
  "",
  " - [ ] Mention the appropriate issue in your description (for example: `addresses #123`), if applicable. This will automatically add a link to the pull request in the issue. If you would like the issue to automatically close on merging the pull request, comment `fixes #<ISSUE NUMBER>` instead.",
  "",
  "<!--",
  "See the [Contributor Guide](https://beam.apache.org/contribute) for more tips on [how to make review process smoother](https://github.com/apache/beam/blob/master/CONTRIBUTING.md#make-the-reviewers-job-easier).",
  "fixes #21802",
  "-->",
].join("\n");

// The shape of a Dependabot body: upstream release notes quoted, upstream issue numbers and URLs.
const dependabotBody = [
  "Bumps [lodash](https://github.com/lodash/lodash) from 4.17.20 to 4.17.21.",
  "<details>",
  "<summary>Commits</summary>",
  "<ul>",
  "<li><a href=\"https://github.com/lodash/lodash/commit/f299b52\"><code>f299b52</code></a> Bump to v4.17.21</li>",
  "<li>See full diff in <a href=\"https://github.com/lodash/lodash/compare/4.17.20...4.17.21\">compare view</a></li>",
  "</ul>",
  "</details>",
  "",
  "> Fixes #379 and https://github.com/lodash/lodash/issues/18279",
].join("\n");

// release-please's release PR body: a changelog with `([#345](…))` after each entry.
const releasePleaseBody = [
  ":robot: I have created a release *beep* *boop*",
  "---",
  "",
  "## [1.4.0](https://github.com/acme/api/compare/v1.3.0...v1.4.0) (2024-05-02)",
  "",
  "### Features",
  "",
  "* retry uploads ([#345](https://github.com/acme/api/issues/345)) ([1f2e3d4](https://github.com/acme/api/commit/1f2e3d4))",
  "",
  "---",
  "This PR was generated with [Release Please](https://github.com/googleapis/release-please).",
].join("\n");

const SOURCES = {
  beam: "apache/beam PR template (apache/beam#21802)",
  dependabot: "Dependabot PR bodies (dependabot/dependabot-core)",
  renovate: "Renovate PRs, self-hosted as renovate-bot (renovatebot/renovate docs)",
  releasePlease: "release-please release PRs (googleapis/release-please)",
  github: "GitHub's merge and revert buttons (merge commit and revert branch names)",
  sentry: "Sentry issue URLs (docs.sentry.io)",
  standards: "Standards and version names seen in public PR titles (EIPs, BIPs, PSRs, JEPs, FIPS)",
  branches: "Branch names tools and people create (actions/checkout, sprint and release-candidate branches)",
  denylist: "A Jira project whose key is a common word (ES, the key of many Elasticsearch-style projects)",
} as const;

export const realPrs: CorpusCase[] = [
  { source: SOURCES.beam, name: "template example in a comment, nothing else", pr: { title: "[Website] Fix a typo", branch: "fix-typo", body: beamTemplate }, expected: "fail", hidden: true },
  { source: SOURCES.beam, name: "template example in a code span", pr: { title: "Update the website", branch: "website", body: " - [ ] Mention the appropriate issue in your description (for example: `addresses #123`)" }, expected: "fail", hidden: true },
  { source: SOURCES.beam, name: "template kept, real reference added", pr: { title: "Fix a typo", branch: "fix-typo", body: `fixes #30011\n\n${beamTemplate}` }, expected: "pass", ids: ["github:#30011"] },
  { source: SOURCES.dependabot, name: "Dependabot body with upstream numbers", pr: { title: "Bump lodash from 4.17.20 to 4.17.21", branch: "dependabot/npm_and_yarn/lodash-4.17.21", body: dependabotBody, author: "dependabot[bot]", bot: true }, expected: "exempt" },
  { source: SOURCES.dependabot, name: "upstream release notes quoted by a person", pr: { title: "Upgrade lodash", branch: "upgrade-lodash", body: dependabotBody }, expected: "fail", hidden: true },
  { source: SOURCES.renovate, name: "self-hosted Renovate logs in as renovate-bot", pr: { title: "Update dependency eslint to v9.2.0", branch: "renovate/eslint-9.x", body: "This PR contains the following updates: ... fixes #18279", author: "renovate-bot", bot: true }, expected: "exempt" },
  { source: SOURCES.renovate, name: "a Bot account whatever its login", pr: { title: "chore(deps): update actions/checkout action to v4", branch: "renovate/actions-checkout-4.x", body: "", author: "acme-deps", bot: true }, expected: "exempt" },
  { source: SOURCES.releasePlease, name: "release PR by github-actions[bot]", pr: { title: "chore(main): release 1.4.0", branch: "release-please--branches--main", body: releasePleaseBody, author: "github-actions[bot]", bot: true }, expected: "exempt" },
  { source: SOURCES.releasePlease, name: "changelog pasted by a person still links its issue", pr: { title: "Release 1.4.0", branch: "release-1.4.0", body: releasePleaseBody }, expected: "pass" },
  { source: SOURCES.github, name: "Merge pull request title", pr: { title: "Merge pull request #827 from acme/develop", branch: "develop" }, expected: "fail" },
  { source: SOURCES.github, name: "Merge pull request commit", pr: { title: "Sync develop", branch: "sync", commits: ["Merge pull request #827 from acme/develop\n\nSync"] }, expected: "fail" },
  { source: SOURCES.github, name: "merged branch name still names its ticket", pr: { title: "Merge pull request #827 from acme/ENG-12-retry", branch: "sync" }, expected: "pass", ids: ["jira:ENG-12"] },
  { source: SOURCES.github, name: "Revert title of a squashed PR", pr: { title: "Revert \"Retry uploads (#159)\"", branch: "revert-160-retry-uploads" }, expected: "fail" },
  { source: SOURCES.github, name: "Revert commit", pr: { title: "Undo retries", branch: "undo", commits: ["Revert \"Retry uploads (#159)\"\n\nThis reverts commit 1f2e3d4c5b6a."] }, expected: "fail" },
  { source: SOURCES.github, name: "body of GitHub's revert PR", pr: { title: "Revert \"Retry uploads\"", branch: "revert-160-retry-uploads", body: "Reverts acme/api#160" }, expected: "fail" },
  { source: SOURCES.dependabot, name: "release notes in an HTML blockquote, pasted by a person", pr: { title: "Upgrade lodash", branch: "upgrade-lodash", body: "<details>\n<summary>Release notes</summary>\n<blockquote>\n<h2>v4.17.21</h2>\n<ul>\n<li>Fix <a href=\"https://github.com/lodash/lodash/issues/379\">#379</a></li>\n</ul>\n</blockquote>\n</details>" }, expected: "fail", hidden: true },
  { source: SOURCES.github, name: "GitHub's revert branch", pr: { title: "Undo retries", branch: "revert-123-retry-uploads" }, expected: "fail" },
  { source: SOURCES.github, name: "revert that names its ticket", pr: { title: "Revert \"Retry uploads (#159)\"", branch: "revert", body: "Fixes #170: the retries doubled the load." }, expected: "pass", ids: ["github:#170"] },
  { source: SOURCES.github, name: "squash-merge suffix in a normal title", pr: { title: "Retry uploads (#159)", branch: "retry" }, expected: "pass", ids: ["github:#159"] },
  { source: SOURCES.github, name: "feature/123-slug names issue 123", pr: { title: "Retry uploads", branch: "feature/123-retry-uploads" }, expected: "pass", ids: ["github:#123"] },
  { source: SOURCES.sentry, name: "Sentry issue URL", pr: { title: "Handle the null user", branch: "null-user", body: "Crash: https://sentry.io/organizations/acme/issues/4512345678/" }, expected: "fail" },
  { source: SOURCES.sentry, name: "self-hosted Sentry issue URL", pr: { title: "Handle the null user", branch: "null-user", body: "https://sentry.acme.dev/organizations/acme/issues/4512345678/?project=2" }, expected: "fail" },
  ...(
    [
      ["EIP-1559", "Support EIP-1559 fees"], ["ERC-721", "Add ERC-721 metadata"], ["BIP-39", "Validate BIP-39 mnemonics"], ["PSR-12", "Format to PSR-12"],
      ["JEP-411", "Drop the security manager (JEP-411)"], ["FIPS-140", "Build with FIPS-140 crypto"], ["X86-64", "Ship X86-64 binaries"],
      ["SHA3-256", "Hash with SHA3-256"], ["RS-256", "Sign tokens with RS-256"], ["HTML-5", "Use HTML-5 inputs"], ["ADR-12", "Follow ADR-12 for retries"],
    ] as const
  ).map(([word, title]): CorpusCase => ({ source: SOURCES.standards, name: `${word} is not a ticket`, pr: { title, branch: "work" }, expected: "fail" })),
  ...(["bump-checkout-4", "sprint-42", "release/rc-1", "deploy/stage-2", "revert-99"] as const).map(
    (branch): CorpusCase => ({ source: SOURCES.branches, name: `branch ${branch} is not a ticket`, pr: { title: "Tidy the pipeline", branch }, expected: "fail" }),
  ),
  { source: SOURCES.branches, name: "a real key next to a branch word", pr: { title: "Tidy", branch: "sprint-42/ENG-7-tidy" }, expected: "pass", ids: ["jira:ENG-7"] },
  { source: SOURCES.denylist, name: "ES-123 counts once ES is in keys", pr: { title: "ES-123 Retry uploads", branch: "work" }, tickets: { providers: ["github", { jira: { keys: ["ES"] } }] }, expected: "pass", ids: ["jira:ES-123"] },
  { source: SOURCES.denylist, name: "ES-123 without keys does not count", pr: { title: "ES-123 Retry uploads", branch: "work" }, expected: "fail" },
];
