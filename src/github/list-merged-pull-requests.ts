import type { GitHub } from "./octokit.js";

/** A merged pull request with what the metrics need, as one GraphQL page returns it. */
export interface MergedPullRequest {
  /** The REST id (`pull_request.id` in webhooks): a merge deployment's key. */
  id: number;
  number: number;
  title: string;
  author: { login: string; isBot: boolean } | null;
  createdAt: string;
  updatedAt: string;
  mergedAt: string;
  closedAt: string | null;
  /** The first of ready_for_review / convert_to_draft: tells whether it was opened as a draft. */
  firstDraftEvent: { type: "ready_for_review" | "convert_to_draft"; at: string } | null;
  isDraft: boolean;
  additions: number;
  deletions: number;
  changedFiles: number;
  headSha: string;
  baseRef: string;
  /** The head branch (`revert-N-…` for GitHub's revert button) and the description: revert detection reads both. */
  headRef: string;
  body: string;
  mergeCommitSha: string | null;
  commitCount: number;
  /** Author dates of the first 100 commits; `commitCount` says whether there are more. */
  commitDates: Array<string | null>;
  reviews: Array<{ login: string | null; isBot: boolean; state: string; submittedAt: string | null }>;
}

export interface MergedPullRequestPage {
  pullRequests: MergedPullRequest[];
  endCursor: string | null;
  hasNextPage: boolean;
  /** Merged PRs since `since` (GitHub search), asked for only with `withTotal`. */
  total: number | null;
  /** The repository's web address (its `html_url`: GitHub Enterprise Server's host), null if not given. */
  repositoryUrl: string | null;
}

/** Commits and reviews a page asks for per PR; GitHub's PR commits list stops at 250 anyway. */
const NESTED = 100;

// Newest-updated first: a PR merged after `since` was updated after it too, so paging stops at
// the first PR updated before `since`. One request brings a page of PRs with commits, reviews and
// draft history, where REST would need four per PR.
const QUERY = `
query BackfillPullRequests($owner: String!, $repo: String!, $first: Int!, $after: String, $withTotal: Boolean!, $search: String!) {
  search(query: $search, type: ISSUE, first: 1) @include(if: $withTotal) { issueCount }
  repository(owner: $owner, name: $repo) {
    url
    pullRequests(states: [MERGED], orderBy: { field: UPDATED_AT, direction: DESC }, first: $first, after: $after) {
      pageInfo { endCursor hasNextPage }
      nodes {
        databaseId number title body createdAt updatedAt mergedAt closedAt isDraft additions deletions changedFiles
        headRefOid headRefName baseRefName
        author { login __typename }
        mergeCommit { oid }
        commits(first: ${NESTED}) { totalCount nodes { commit { authoredDate } } }
        reviews(first: ${NESTED}) { nodes { state submittedAt author { login __typename } } }
        timelineItems(itemTypes: [READY_FOR_REVIEW_EVENT, CONVERT_TO_DRAFT_EVENT], first: 1) {
          nodes { __typename ... on ReadyForReviewEvent { createdAt } ... on ConvertToDraftEvent { createdAt } }
        }
      }
    }
  }
}`;

export interface Actor {
  login: string;
  __typename: string;
}

interface PullRequestNode {
  databaseId: number;
  number: number;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  mergedAt: string | null;
  closedAt: string | null;
  isDraft: boolean;
  additions: number;
  deletions: number;
  changedFiles: number;
  headRefOid: string;
  headRefName: string;
  baseRefName: string;
  author: Actor | null;
  mergeCommit: { oid: string } | null;
  commits: { totalCount: number; nodes: Array<{ commit: { authoredDate: string | null } }> };
  reviews: { nodes: Array<{ state: string; submittedAt: string | null; author: Actor | null }> };
  timelineItems: { nodes: Array<{ __typename: string; createdAt?: string }> };
}

interface Answer {
  search?: { issueCount: number };
  repository: { url?: string | null; pullRequests: { pageInfo: { endCursor: string | null; hasNextPage: boolean }; nodes: PullRequestNode[] } } | null;
}

export async function listMergedPullRequests(params: {
  octokit: GitHub;
  owner: string;
  repo: string;
  /** ISO time: start of the window. */
  since: string;
  after: string | null;
  first: number;
  withTotal: boolean;
}): Promise<MergedPullRequestPage> {
  const { octokit, owner, repo, since, after, first, withTotal } = params;
  const search = `repo:${owner}/${repo} is:pr is:merged merged:>=${since.slice(0, 10)}`;
  const answer = await octokit.graphql<Answer>(QUERY, { owner, repo, first, after, withTotal, search });
  const connection = answer.repository?.pullRequests;
  if (!connection) throw new Error(`repository ${owner}/${repo} not found`);
  return {
    pullRequests: connection.nodes.filter((node) => node.mergedAt !== null).map(toMergedPullRequest),
    endCursor: connection.pageInfo.endCursor,
    hasNextPage: connection.pageInfo.hasNextPage,
    total: answer.search?.issueCount ?? null,
    repositoryUrl: answer.repository?.url ?? null,
  };
}

function toMergedPullRequest(node: PullRequestNode): MergedPullRequest {
  const event = node.timelineItems.nodes[0];
  return {
    id: node.databaseId,
    number: node.number,
    title: node.title,
    author: node.author ? { login: restLogin(node.author), isBot: isBot(node.author) } : null,
    createdAt: node.createdAt,
    updatedAt: node.updatedAt,
    mergedAt: node.mergedAt ?? "",
    closedAt: node.closedAt,
    firstDraftEvent:
      event?.createdAt === undefined ? null : { type: event.__typename === "ReadyForReviewEvent" ? "ready_for_review" : "convert_to_draft", at: event.createdAt },
    isDraft: node.isDraft,
    additions: node.additions,
    deletions: node.deletions,
    changedFiles: node.changedFiles,
    headSha: node.headRefOid,
    baseRef: node.baseRefName,
    headRef: node.headRefName,
    body: node.body,
    mergeCommitSha: node.mergeCommit?.oid ?? null,
    commitCount: node.commits.totalCount,
    commitDates: node.commits.nodes.map((n) => n.commit.authoredDate),
    reviews: node.reviews.nodes.map((review) => ({
      login: review.author ? restLogin(review.author) : null,
      isBot: review.author ? isBot(review.author) : false,
      state: review.state,
      submittedAt: review.submittedAt,
    })),
  };
}

/** GraphQL names apps `dependabot`; REST and webhooks say `dependabot[bot]`, as the store does. */
export function restLogin(actor: Actor): string {
  return actor.__typename === "Bot" && !actor.login.endsWith("[bot]") ? `${actor.login}[bot]` : actor.login;
}

export function isBot(actor: Actor): boolean {
  return actor.__typename === "Bot" || actor.login.endsWith("[bot]");
}
