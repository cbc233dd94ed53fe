import type { TicketLookup, TicketReference } from "../model/ticket-references.js";
import type { GitHub } from "./octokit.js";

/** GitHub lists at most this many linked issues per page; more on one PR is not a real case. */
const FIRST = 25;

const QUERY = `query ClosingIssues($owner: String!, $repo: String!, $number: Int!, $first: Int!) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      closingIssuesReferences(first: $first) {
        nodes { number title state url repository { name owner { login } } }
      }
    }
  }
}`;

interface Answer {
  repository: {
    pullRequest: {
      closingIssuesReferences: { nodes: Array<{ number: number; title: string; state: string; url: string; repository: { name: string; owner: { login: string } } } | null> } | null;
    } | null;
  } | null;
}

/** One issue GitHub links to the PR, with what GitHub says about it (no second lookup needed). */
export interface LinkedIssue {
  ref: TicketReference;
  lookup: TicketLookup;
}

/**
 * The issues GitHub itself links to a pull request — the Development sidebar and closing keywords
 * GitHub accepted — through GraphQL `closingIssuesReferences`: one request (ADR 0013).
 */
export async function listClosingIssues(params: { octokit: GitHub; owner: string; repo: string; number: number }): Promise<LinkedIssue[]> {
  const { octokit, owner, repo, number } = params;
  const answer = await octokit.graphql<Answer>(QUERY, { owner, repo, number, first: FIRST });
  const nodes = answer.repository?.pullRequest?.closingIssuesReferences?.nodes ?? [];
  return nodes.flatMap((node) => {
    if (!node) return [];
    const issue = { owner: node.repository.owner.login, repo: node.repository.name, number: node.number };
    const own = issue.owner.toLowerCase() === owner.toLowerCase() && issue.repo.toLowerCase() === repo.toLowerCase();
    const id = own ? `#${issue.number}` : `${issue.owner}/${issue.repo}#${issue.number}`;
    const state = node.state.toLowerCase();
    return [{ ref: { provider: "github", id, issue, where: "Development sidebar" }, lookup: { kind: "found", title: node.title, status: state, group: state, url: node.url } }];
  });
}
