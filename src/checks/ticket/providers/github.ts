import type { IssueRef, Match, Matcher, MatchContext } from "../../../model/ticket-references.js";

const NUMBER = "([1-9][0-9]{0,9})(?![0-9A-Za-z_])";
// `#12`, not inside a word, a URL fragment (page#12) or an HTML entity (&#123;).
const SHORT = new RegExp(`(?<![A-Za-z0-9_/#&;.-])#${NUMBER}`, "g");
// `GH-12`, GitHub's other autolinked form.
const GH = new RegExp(`(?<![A-Za-z0-9_])GH-${NUMBER}`, "gi");
const CROSS_REPO = new RegExp(`(?<![A-Za-z0-9_./-])([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100})#${NUMBER}`, "g");
// Any host, so GitHub Enterprise Server links count too; pull-request URLs are not issues.
const ISSUE_URL = new RegExp(`https?://[A-Za-z0-9.-]+(?::[0-9]+)?/([A-Za-z0-9][A-Za-z0-9-]{0,38})/([A-Za-z0-9._-]{1,100})/issues/${NUMBER}`, "g");
// Branches GitHub's "Create a branch" button makes (`123-fix-login`), and `issue-123`/`gh-123`.
const BRANCH_NUMBER = /^([1-9][0-9]{0,9})-[A-Za-z]/;
const BRANCH_WORD = /(?<![A-Za-z0-9])(?:issues?|gh)[-_/]?([1-9][0-9]{0,9})(?![0-9])/gi;

/**
 * GitHub issues: `#123`, `GH-123`, `owner/repo#123` and issue URLs in text (closing keywords
 * such as `fixes #12` are covered: they end in one of those); in branch names the number GitHub
 * puts first (`123-slug`) or after `issue-`/`gh-`.
 */
export const githubMatcher: Matcher = (text, place, context) => {
  if (place === "branch") return branchMatches(text, context);
  const found: Match[] = [];
  for (const m of text.matchAll(ISSUE_URL)) found.push(issue({ owner: m[1] ?? "", repo: m[2] ?? "", number: Number(m[3]) }, context));
  const withoutUrls = text.replace(ISSUE_URL, " ");
  for (const m of withoutUrls.matchAll(CROSS_REPO)) found.push(issue({ owner: m[1] ?? "", repo: m[2] ?? "", number: Number(m[3]) }, context));
  for (const m of withoutUrls.matchAll(SHORT)) found.push(issue({ ...context, number: Number(m[1]) }, context));
  for (const m of withoutUrls.matchAll(GH)) found.push(issue({ ...context, number: Number(m[1]) }, context));
  return found;
};

function branchMatches(branch: string, context: MatchContext): Match[] {
  const numbers = [BRANCH_NUMBER.exec(branch)?.[1], ...[...branch.matchAll(BRANCH_WORD)].map((m) => m[1])];
  return numbers.filter((n): n is string => n !== undefined).map((n) => issue({ ...context, number: Number(n) }, context));
}

/** `#12` for the PR's own repo, `owner/repo#12` for another. */
function issue(ref: IssueRef, context: MatchContext): Match {
  const own = ref.owner.toLowerCase() === context.owner.toLowerCase() && ref.repo.toLowerCase() === context.repo.toLowerCase();
  return { provider: "github", id: own ? `#${ref.number}` : `${ref.owner}/${ref.repo}#${ref.number}`, issue: ref };
}
