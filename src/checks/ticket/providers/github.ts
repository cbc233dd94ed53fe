import type { IssueRef, Match, Matcher, MatchContext } from "../../../model/ticket-references.js";

const NUMBER = "([1-9][0-9]{0,9})(?![0-9A-Za-z_])";
// `#12`, not inside a word, a URL fragment (page#12) or an HTML entity (&#123;).
const SHORT = new RegExp(`(?<![A-Za-z0-9_/#&;.-])#${NUMBER}`, "g");
// `GH-12`, GitHub's other autolinked form.
const GH = new RegExp(`(?<![A-Za-z0-9_])GH-${NUMBER}`, "gi");
const CROSS_REPO = new RegExp(`(?<![A-Za-z0-9_./-])([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100})#${NUMBER}`, "g");
// Issue URLs of one host (the one the app talks to); pull-request URLs are not issues.
const issueUrl = (host: string) =>
  new RegExp(`https?://${escapeRegExp(host)}(?::[0-9]+)?/([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100})/issues/${NUMBER}`, "gi");
// Issue-shaped URLs of any other host (Sentry's `/organizations/acme/issues/4512345678/`): not ours.
const OTHER_URL = /https?:\/\/[^\s<>()[\]]{1,2000}/g;
// Branches GitHub's "Create a branch" button makes (`123-fix-login`), also under a folder
// (`feature/123-slug`), and `issue-123`/`gh-123`. GitHub's revert branches (`revert-123-x`) name a PR.
const BRANCH_NUMBER = /(?:^|\/)([1-9][0-9]{0,9})-[A-Za-z]/g;
// What GitHub's merge and revert buttons write: the number is a pull request, not a ticket.
const MERGE_PR = /\bMerge pull request #[0-9]+/gi;
const REVERTED_TITLE = /^Revert "[^\n]*"/gim;
const REVERTS_PR = /\bReverts [A-Za-z0-9._/-]{0,140}#[0-9]+/g;
const BRANCH_WORD = /(?<![A-Za-z0-9])(?:issues?|gh)[-_/]?([1-9][0-9]{0,9})(?![0-9])/gi;

/**
 * GitHub issues: `#123`, `GH-123`, `owner/repo#123` and issue URLs of the app's host in text
 * (closing keywords such as `fixes #12` are covered: they end in one of those); in branch names
 * the number GitHub puts first (`123-slug`, `feature/123-slug`) or after `issue-`/`gh-`. Not the
 * pull-request numbers GitHub's merge and revert buttons write (ADR 0014).
 */
export const githubMatcher: Matcher = (raw, place, context) => {
  if (place === "branch") return branchMatches(raw, context);
  const text = raw.replace(MERGE_PR, " ").replace(REVERTED_TITLE, " ").replace(REVERTS_PR, " ");
  const found: Match[] = [];
  const ownUrl = issueUrl(context.host ?? "github.com");
  for (const m of text.matchAll(ownUrl)) found.push(issue({ owner: m[1] ?? "", repo: m[2] ?? "", number: Number(m[3]) }, context));
  const withoutUrls = text.replace(ownUrl, " ").replace(OTHER_URL, " ");
  for (const m of withoutUrls.matchAll(CROSS_REPO)) found.push(issue({ owner: m[1] ?? "", repo: m[2] ?? "", number: Number(m[3]) }, context));
  for (const m of withoutUrls.matchAll(SHORT)) found.push(issue({ ...context, number: Number(m[1]) }, context));
  for (const m of withoutUrls.matchAll(GH)) found.push(issue({ ...context, number: Number(m[1]) }, context));
  return found;
};

function branchMatches(branch: string, context: MatchContext): Match[] {
  const numbers = [...branch.matchAll(BRANCH_NUMBER), ...branch.matchAll(BRANCH_WORD)].map((m) => m[1]);
  return numbers.filter((n): n is string => n !== undefined).map((n) => issue({ ...context, number: Number(n) }, context));
}

/** `#12` for the PR's own repo, `owner/repo#12` for another. */
function issue(ref: IssueRef, context: MatchContext): Match {
  const own = ref.owner.toLowerCase() === context.owner.toLowerCase() && ref.repo.toLowerCase() === context.repo.toLowerCase();
  return { provider: "github", id: own ? `#${ref.number}` : `${ref.owner}/${ref.repo}#${ref.number}`, issue: ref };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^$()|[\]{}\\]/g, "\\$&");
}
