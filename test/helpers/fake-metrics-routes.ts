/**
 * What the delivery metrics read of GitHub beyond pull requests, as state the fake GitHub server
 * answers from (issue 16, ADR 0079): repositories' default branches, workflows and their runs,
 * releases and their tags, compares between two commits, and organisations' teams. Anything not
 * in the state is answered as GitHub would (404, or an empty list), never left unanswered.
 */
export class FakeMetricsState {
  /** Default branch per `owner/repo`; "main" when not set. */
  readonly defaultBranches = new Map<string, string>();
  readonly workflows: Array<{ repo: string; id: number; name: string; path: string }> = [];
  readonly workflowRuns: Array<FilteredRun & { repo: string; id: number; name: string; path: string; head_sha: string; run_started_at: string; updated_at: string }> = [];
  readonly releases: Array<{ repo: string; id: number; tag_name: string; draft: boolean; prerelease: boolean; created_at: string; published_at: string | null }> = [];
  /** Commit per `owner/repo@ref` (a tag, a branch or a SHA). */
  readonly refs = new Map<string, string>();
  /** Commits per `owner/repo@base...head` (oldest first); a compare not listed has none. */
  readonly compares = new Map<string, string[]>();
  /** Artifacts per `owner/repo#run id` (the coverage check reads them on every completed run); none when not set. */
  readonly artifacts = new Map<string, Array<{ id: number; name: string; size_in_bytes: number; expired: boolean }>>();
  /** Members per team slug per organisation (lower case). */
  readonly teams = new Map<string, Map<string, string[]>>();
}

/** A workflow run, with what GitHub's filters read. */
export interface FilteredRun {
  workflow_id: number;
  head_branch: string;
  status: string;
  conclusion: string | null;
  created_at: string;
}

/** What GitHub lists at most of a filtered runs query (later pages are empty; `total_count` counts every match). */
export const FILTERED_RUNS_CAP = 1000;

/**
 * GitHub's answer to `GET …/actions/workflows/{id}/runs` over `runs`: filters branch, status (a
 * conclusion or `completed`) and `created` (`>=DATE` or `FROM..TO`, both ends included), newest
 * first, pages of `per_page`, and at most the first 1,000 matches served.
 */
export function listFilteredRuns<T extends FilteredRun>(runs: readonly T[], workflowId: number, query: Record<string, string | undefined>): { total_count: number; workflow_runs: T[]; pastCap: boolean } {
  const { branch, status } = query;
  const [from, to] = createdBounds(query.created);
  const matching = runs
    .filter((run) => run.workflow_id === workflowId && (!branch || run.head_branch === branch) && Date.parse(run.created_at) >= from && Date.parse(run.created_at) <= to)
    .filter((run) => !status || (status === "completed" ? run.status === "completed" : run.conclusion === status))
    .sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
  const perPage = Number(query.per_page ?? 30);
  const page = Number(query.page ?? 1);
  return { total_count: matching.length, workflow_runs: matching.slice(0, FILTERED_RUNS_CAP).slice((page - 1) * perPage, page * perPage), pastCap: page * perPage > FILTERED_RUNS_CAP };
}

/** `>=2024-05-04` or `2024-05-04T00:00:00Z..2024-05-19T11:59:59Z` as epoch ms, both ends included. */
function createdBounds(created: string | undefined): [number, number] {
  if (created?.startsWith(">=")) return [Date.parse(created.slice(2)), Infinity];
  const [from, to] = created?.split("..") ?? [];
  if (from === undefined || to === undefined) return [-Infinity, Infinity];
  return [Date.parse(from), Date.parse(to) + 999];
}

type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Request = { query: Record<string, string>; accept?: string };

/** Registers the routes that answer from `state` (route names as the fake server's, `:name` parameters). */
export function defineMetricsRoutes(route: (method: string, name: string, handler: (request: Request, params: string[]) => Reply) => void, state: FakeMetricsState): void {
  const pageOf = <T>(items: T[], request: Request) => {
    const perPage = Math.min(Number(request.query.per_page ?? 30), 100);
    const page = Number(request.query.page ?? 1);
    return items.slice((page - 1) * perPage, page * perPage);
  };
  const strip = <T extends { repo: string }>(item: T) => ({ ...item, repo: undefined });
  route("GET", "/repos/:owner/:repo", (_request, [owner, repo]) => ({
    status: 200,
    body: { id: 1, name: repo, full_name: `${owner}/${repo}`, owner: { login: owner }, default_branch: state.defaultBranches.get(`${owner}/${repo}`) ?? "main" },
  }));
  route("GET", "/repos/:owner/:repo/actions/workflows", (request, [owner, repo]) => {
    const workflows = state.workflows.filter((w) => w.repo === `${owner}/${repo}`).map(strip);
    return { status: 200, body: { total_count: workflows.length, workflows: pageOf(workflows, request) } };
  });
  route("GET", "/repos/:owner/:repo/actions/workflows/:id/runs", (request, [owner, repo, id]) => {
    const { total_count, workflow_runs } = listFilteredRuns(state.workflowRuns.filter((run) => run.repo === `${owner}/${repo}`), Number(id), request.query);
    return { status: 200, body: { total_count, workflow_runs: workflow_runs.map(strip) } };
  });
  // The repo-wide runs list, as the coverage check asks it for one head SHA's other runs.
  route("GET", "/repos/:owner/:repo/actions/runs", (request, [owner, repo]) => {
    const runs = state.workflowRuns.filter((run) => run.repo === `${owner}/${repo}` && (!request.query.head_sha || run.head_sha === request.query.head_sha) && (!request.query.status || run.status === request.query.status));
    return { status: 200, body: { total_count: runs.length, workflow_runs: pageOf(runs.map(strip), request) } };
  });
  route("GET", "/repos/:owner/:repo/actions/runs/:id/artifacts", (request, [owner, repo, id]) => {
    const artifacts = state.artifacts.get(`${owner}/${repo}#${id}`) ?? [];
    return { status: 200, body: { total_count: artifacts.length, artifacts: pageOf(artifacts, request) } };
  });
  route("GET", "/repos/:owner/:repo/releases", (request, [owner, repo]) => {
    const releases = state.releases.filter((r) => r.repo === `${owner}/${repo}`).sort((a, b) => Date.parse(b.created_at) - Date.parse(a.created_at));
    return { status: 200, body: pageOf(releases.map(strip), request) };
  });
  route("GET", "/repos/:owner/:repo/commits/:ref", (request, [owner, repo, ref]) => {
    const sha = state.refs.get(`${owner}/${repo}@${ref}`);
    if (sha === undefined) return { status: 422, body: { message: `No commit found for SHA: ${ref}` } };
    return request.accept?.includes("sha") ? { status: 200, body: sha, headers: { "content-type": "application/vnd.github.sha" } } : { status: 200, body: { sha } };
  });
  route("GET", "/repos/:owner/:repo/compare/:basehead", (request, [owner, repo, basehead]) => {
    const commits = (state.compares.get(`${owner}/${repo}@${basehead}`) ?? []).map((sha) => ({ sha, commit: { message: "change" } }));
    return { status: 200, body: { total_commits: commits.length, commits: pageOf(commits, request) } };
  });
  route("GET", "/orgs/:org/teams", (request, [org = ""]) => {
    const teams = [...(state.teams.get(org.toLowerCase()) ?? new Map<string, string[]>()).keys()].map((slug, i) => ({ id: i + 1, slug, name: slug }));
    return { status: 200, body: pageOf(teams, request) };
  });
  route("GET", "/orgs/:org/teams/:slug/members", (request, [org = "", slug = ""]) => {
    const members = state.teams.get(org.toLowerCase())?.get(slug);
    if (!members) return { status: 404, body: { message: "Not Found" } };
    return { status: 200, body: pageOf(members.map((login) => ({ login, type: "User" })), request) };
  });
}
