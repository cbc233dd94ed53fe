import type { GitHub } from "./octokit.js";

/** A deployment with its statuses (oldest first), as one GraphQL page returns it. */
export interface DeploymentRecord {
  /** The REST id (`deployment.id` in webhooks). */
  id: number;
  environment: string;
  sha: string;
  ref: string | null;
  createdAt: string;
  statuses: Array<{ state: string; createdAt: string }>;
}

export interface DeploymentPage {
  deployments: DeploymentRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
}

// Newest first, so paging stops at the first deployment older than the window; statuses come
// in the same request (REST needs one more request per deployment).
const QUERY = `
query BackfillDeployments($owner: String!, $repo: String!, $environments: [String!], $first: Int!, $after: String) {
  repository(owner: $owner, name: $repo) {
    deployments(environments: $environments, orderBy: { field: CREATED_AT, direction: DESC }, first: $first, after: $after) {
      pageInfo { endCursor hasNextPage }
      nodes {
        databaseId environment commitOid createdAt
        ref { name }
        statuses(first: 20) { nodes { state createdAt } }
      }
    }
  }
}`;

interface Answer {
  repository: {
    deployments: {
      pageInfo: { endCursor: string | null; hasNextPage: boolean };
      nodes: Array<{
        databaseId: number;
        environment: string | null;
        commitOid: string;
        createdAt: string;
        ref: { name: string } | null;
        statuses: { nodes: Array<{ state: string; createdAt: string }> } | null;
      }>;
    };
  } | null;
}

export async function listDeployments(params: {
  octokit: GitHub;
  owner: string;
  repo: string;
  environments: string[];
  after: string | null;
  first: number;
}): Promise<DeploymentPage> {
  const { octokit, owner, repo, environments, after, first } = params;
  const answer = await octokit.graphql<Answer>(QUERY, { owner, repo, environments, first, after });
  const connection = answer.repository?.deployments;
  if (!connection) throw new Error(`repository ${owner}/${repo} not found`);
  return {
    deployments: connection.nodes.map((node) => ({
      id: node.databaseId,
      environment: node.environment ?? "",
      sha: node.commitOid,
      ref: node.ref?.name ?? null,
      createdAt: node.createdAt,
      // GraphQL states are upper case; webhooks and REST say `success`, `failure`…
      statuses: (node.statuses?.nodes ?? [])
        .map((status) => ({ state: status.state.toLowerCase(), createdAt: status.createdAt }))
        .sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt)),
    })),
    endCursor: connection.pageInfo.endCursor,
    hasNextPage: connection.pageInfo.hasNextPage,
  };
}
