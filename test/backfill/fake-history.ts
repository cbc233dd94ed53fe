import { ProbotOctokit } from "probot";
import { FakeGitHub, paginate, type RecordedRequest } from "../helpers/fake-github.js";
import type { GitHub } from "../../src/github/octokit.js";
import { listFilteredRuns } from "../helpers/fake-metrics-routes.js";

/** A merged PR as GitHub's GraphQL API returns it (the fields the backfill asks for). */
export interface PullRequestNode {
  databaseId: number;
  number: number;
  title: string;
  body: string;
  createdAt: string;
  updatedAt: string;
  mergedAt: string;
  closedAt: string;
  isDraft: boolean;
  additions: number;
  deletions: number;
  changedFiles: number;
  headRefOid: string;
  headRefName: string;
  baseRefName: string;
  author: { login: string; __typename: string } | null;
  mergeCommit: { oid: string } | null;
  commits: { totalCount: number; nodes: Array<{ commit: { authoredDate: string } }> };
  reviews: { nodes: Array<{ state: string; submittedAt: string | null; author: { login: string; __typename: string } | null }> };
  timelineItems: { nodes: Array<{ __typename: string; createdAt: string }> };
}

/** A merged PR node with overrides; times default to a PR opened, reviewed and merged on 2024-06-01. */
export function makePullRequestNode(overrides: Partial<PullRequestNode> & { number: number }): PullRequestNode {
  return {
    databaseId: 500_000 + overrides.number,
    title: `PR ${overrides.number}`,
    body: "",
    createdAt: "2024-06-01T09:00:00Z",
    updatedAt: "2024-06-01T12:00:00Z",
    mergedAt: "2024-06-01T12:00:00Z",
    closedAt: "2024-06-01T12:00:00Z",
    isDraft: false,
    additions: 10,
    deletions: 2,
    changedFiles: 3,
    headRefOid: `head${overrides.number}`.padEnd(40, "0"),
    headRefName: `feature-${overrides.number}`,
    baseRefName: "main",
    author: { login: "octocat", __typename: "User" },
    mergeCommit: { oid: `merge${overrides.number}`.padEnd(40, "0") },
    commits: { totalCount: 1, nodes: [{ commit: { authoredDate: "2024-06-01T08:00:00Z" } }] },
    reviews: { nodes: [] },
    timelineItems: { nodes: [] },
    ...overrides,
  };
}

export interface DeploymentNode {
  databaseId: number;
  environment: string;
  commitOid: string;
  createdAt: string;
  ref: { name: string } | null;
  statuses: { nodes: Array<{ state: string; createdAt: string }> };
}

export interface IssueNode {
  number: number;
  title: string;
  createdAt: string;
  closedAt: string | null;
  updatedAt: string;
  labels: { nodes: Array<{ name: string }> };
}

/** A workflow run as `GET …/actions/workflows/{id}/runs` lists it (the fields Shipshape reads). */
export interface WorkflowRunItem {
  id: number;
  workflow_id: number;
  name: string;
  path: string;
  head_sha: string;
  head_branch: string;
  status: string;
  conclusion: string | null;
  created_at: string;
  run_started_at: string;
  updated_at: string;
}

/** A release as `GET /repos/{owner}/{repo}/releases` lists it. */
export interface ReleaseItem {
  id: number;
  tag_name: string;
  draft: boolean;
  prerelease: boolean;
  created_at: string;
  published_at: string | null;
}

type Headers = Record<string, string>;

/**
 * The fake GitHub plus the GraphQL history the backfill reads: merged PRs (newest-updated first),
 * deployments (newest first) and incident issues, each served in pages of the size asked for,
 * with opaque cursors. `rateHeaders` decides the rate-limit headers of every answer.
 */
export class FakeHistory extends FakeGitHub {
  pullRequests: PullRequestNode[] = [];
  deployments: DeploymentNode[] = [];
  issues: IssueNode[] = [];
  /** The REST side: the repo's default branch, workflows and their runs, releases and the commit each tag points at. */
  defaultBranch = "main";
  workflows: Array<{ id: number; name: string; path: string }> = [];
  workflowRuns: WorkflowRunItem[] = [];
  releases: ReleaseItem[] = [];
  readonly tags = new Map<string, string>();
  mergedCount = 0;
  /** Runs-list requests for a page past GitHub's 1,000-run cap (answered empty, as GitHub does). */
  pastRunsCap = 0;
  /** The repository's `url` (its web address) in the PR pages; absent when undefined. */
  repositoryUrl: string | undefined;
  rateLimit = { core: { limit: 5000, remaining: 5000, reset: 0 }, graphql: { limit: 5000, remaining: 5000, reset: 0 } };
  rateHeaders: (request: RecordedRequest) => Headers = () => ({});
  /** Makes the next GraphQL answers fail with 502 (an outage), while > 0. */
  failNext = 0;
  /** When set, GraphQL answers wait for it (a slow GitHub the test releases). */
  gate: Promise<void> | undefined;

  constructor(baseUrl?: string) {
    super(baseUrl);
    this.route("GET", /^\/rate_limit$/, () => [200, { resources: this.rateLimit, rate: this.rateLimit.core }]);
    // GitHub Enterprise serves GraphQL at /api/graphql, beside the REST API's /api/v3.
    this.route("POST", /^(\/api)?\/graphql$/, (request) => this.#graphql(request));
    this.route("POST", /^\/app\/installations\/(\d+)\/access_tokens$/, () => [
      201,
      { token: "ghs_installation", expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: "all" },
    ]);
    this.#restRoutes();
  }

  #restRoutes(): void {
    this.route("GET", /^\/repos\/([^/]+)\/([^/]+)$/, (_request, m) => [200, { id: 1, name: m[2], full_name: `${m[1]}/${m[2]}`, owner: { login: m[1] }, default_branch: this.defaultBranch }]);
    this.route("GET", /^\/repos\/[^/]+\/[^/]+\/actions\/workflows$/, (request) => {
      const perPage = Number(request.query.per_page ?? 30);
      const page = Number(request.query.page ?? 1);
      return [200, { total_count: this.workflows.length, workflows: this.workflows.slice((page - 1) * perPage, page * perPage) }];
    });
    // GitHub's filters and its 1,000-run cap on a filtered list (test/helpers/fake-metrics-routes.ts).
    this.route("GET", /^\/repos\/[^/]+\/[^/]+\/actions\/workflows\/(\d+)\/runs$/, (request, m) => {
      const { pastCap, ...body } = listFilteredRuns(this.workflowRuns, Number(m[1]), request.query);
      if (pastCap) this.pastRunsCap += 1;
      return [200, body];
    });
    this.route("GET", /^\/repos\/[^/]+\/[^/]+\/releases$/, (request) =>
      paginate([...this.releases].sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at)), request, this.baseUrl),
    );
    this.route("GET", /^\/repos\/[^/]+\/[^/]+\/commits\/([^/]+)$/, (request, m) => {
      const sha = this.tags.get(decodeURIComponent(m[1] ?? ""));
      if (sha === undefined) return [422, { message: `No commit found for SHA: ${m[1]}` }];
      return String(request.headers.accept).includes("sha") ? [200, sha, { "content-type": "application/vnd.github.sha" }] : [200, { sha }];
    });
  }

  /** GraphQL requests whose query is `name`, in order. */
  queries(name: string): Array<{ variables: Record<string, unknown> }> {
    return this.requests
      .filter((request) => request.path.endsWith("/graphql") && String((request.body as { query: string }).query).includes(`query ${name}`))
      .map((request) => ({ variables: (request.body as { variables: Record<string, unknown> }).variables }));
  }

  async #graphql(request: RecordedRequest): Promise<[number, unknown, Headers]> {
    await this.gate;
    const headers = { "x-ratelimit-resource": "graphql", ...this.rateHeaders(request) };
    if (this.failNext > 0) {
      this.failNext -= 1;
      return [502, { message: "Bad Gateway" }, headers];
    }
    const { query, variables } = request.body as { query: string; variables: Record<string, unknown> };
    const first = Number(variables.first);
    const after = (variables.after as string | null) ?? null;
    if (query.includes("query BackfillPullRequests")) {
      const page = pageOf(this.pullRequests, first, after, "pr");
      const data = { repository: { ...(this.repositoryUrl === undefined ? {} : { url: this.repositoryUrl }), pullRequests: page }, ...(variables.withTotal ? { search: { issueCount: this.mergedCount } } : {}) };
      return [200, { data }, headers];
    }
    if (query.includes("query BackfillDeployments")) {
      const environments = variables.environments as string[];
      const page = pageOf(this.deployments.filter((d) => environments.includes(d.environment)), first, after, "deploy");
      return [200, { data: { repository: { deployments: page } } }, headers];
    }
    if (query.includes("query BackfillIncidents")) {
      const labels = variables.labels as string[];
      const since = Date.parse(String(variables.since));
      const matching = this.issues.filter((i) => i.labels.nodes.some((l) => labels.includes(l.name)) && Date.parse(i.updatedAt) >= since);
      return [200, { data: { repository: { issues: pageOf(matching, first, after, "issue") } } }, headers];
    }
    return [200, { errors: [{ message: "unknown query" }] }, headers];
  }
}

function pageOf<T>(items: T[], first: number, after: string | null, prefix: string) {
  const start = after === null ? 0 : Number(after.slice(prefix.length + 1));
  const end = Math.min(items.length, start + first);
  return { pageInfo: { endCursor: `${prefix}-${end}`, hasNextPage: end < items.length }, nodes: items.slice(start, end) };
}

/** An installation Octokit as Probot builds one, without retries or throttling, so each request is seen once. */
export function testOctokit(): GitHub {
  const Octokit = ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } });
  return new Octokit({ auth: { token: "test" } }) as GitHub;
}
