import type { GitHub } from "./octokit.js";

/** An issue carrying one of the incident labels. */
export interface IncidentIssue {
  number: number;
  title: string;
  createdAt: string;
  closedAt: string | null;
  updatedAt: string;
  labels: string[];
}

export interface IncidentIssuePage {
  issues: IncidentIssue[];
  endCursor: string | null;
  hasNextPage: boolean;
}

// `filterBy.since` keeps issues updated since the window start: every incident opened or closed
// in it. Labels match any of the list.
const QUERY = `
query BackfillIncidents($owner: String!, $repo: String!, $labels: [String!], $since: DateTime!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    issues(filterBy: { labels: $labels, since: $since }, orderBy: { field: CREATED_AT, direction: ASC }, first: $first, after: $after) {
      pageInfo { endCursor hasNextPage }
      nodes { number title createdAt closedAt updatedAt labels(first: 20) { nodes { name } } }
    }
  }
}`;

interface Answer {
  repository: {
    issues: {
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
      nodes: Array<{ number: number; title: string; createdAt: string; closedAt: string | null; updatedAt: string; labels: { nodes: Array<{ name: string }> } | null }>;
    };
  } | null;
}

export async function listIncidentIssues(params: {
  octokit: GitHub;
  owner: string;
  repo: string;
  labels: string[];
  /** ISO time: start of the window. */
  since: string;
  after: string | null;
  first: number;
}): Promise<IncidentIssuePage> {
  const { octokit, owner, repo, labels, since, after, first } = params;
  const answer = await octokit.graphql<Answer>(QUERY, { owner, repo, labels, since, first, after });
  const connection = answer.repository?.issues;
  if (!connection) throw new Error(`repository ${owner}/${repo} not found`);
  return {
    issues: connection.nodes.map((node) => ({
      number: node.number,
      title: node.title,
      createdAt: node.createdAt,
      closedAt: node.closedAt,
      updatedAt: node.updatedAt,
      labels: (node.labels?.nodes ?? []).map((label) => label.name),
    })),
    endCursor: connection.pageInfo.endCursor,
    hasNextPage: connection.pageInfo.hasNextPage,
  };
}
