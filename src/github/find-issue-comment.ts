import type { GitHub } from "./octokit.js";

/** A comment as `findIssueComment`'s predicate sees it. */
export interface IssueCommentFacts {
  body?: string;
  user?: { type?: string } | null;
}

/**
 * The id of the first comment on issue or PR `number` that `matches`, reading pages of 100 only
 * until it is found, so a PR whose first page holds it costs one request.
 */
export async function findIssueComment(params: { octokit: GitHub; owner: string; repo: string; number: number; matches: (comment: IssueCommentFacts) => boolean }): Promise<number | undefined> {
  const { octokit, owner, repo, number, matches } = params;
  for await (const page of octokit.paginate.iterator(octokit.rest.issues.listComments, { owner, repo, issue_number: number, per_page: 100 })) {
    const found = page.data.find((comment) => matches(comment));
    if (found) return found.id;
  }
  return undefined;
}
