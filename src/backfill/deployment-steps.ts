import { getRefSha } from "../github/get-ref-sha.js";
import { listDeployments } from "../github/list-deployments.js";
import { listReleases } from "../github/list-releases.js";
import { FILTERED_RUNS_CAP, listWorkflowRuns } from "../github/list-workflow-runs.js";
import { listWorkflows } from "../github/list-workflows.js";
import type { GitHub } from "../github/octokit.js";
import { deploymentSource, isDeployWorkflow, releaseCounts, type DeploymentSourceSettings } from "../metrics/deployment-sources.js";
import { releaseDeployment, workflowRunDeployment, type SourceDeployment } from "../recording/record-source-deployment.js";
import type { BackfillRecorder } from "./backfill-recorder.js";
import { createdQualifier, decodeRanges, encodeRanges, halve, MAX_PENDING_RANGES, type CreatedRange } from "./created-ranges.js";

/** The sources the deployments phase lists, in this order (merges come with the merged PRs). */
const LISTED = ["github_deployments", "workflow_runs", "releases"] as const;
type Listed = (typeof LISTED)[number];

/**
 * Where the deployments phase stands, kept in the job's cursor as `source:position` so an
 * interrupted import continues at the same page of the same source: a GraphQL cursor, or the
 * deploy workflows still to read (listed once), the page of the first one and the creation-time
 * ranges of its runs still to read (none: the whole window in one list), or a releases page.
 */
type Position =
  | { source: "github_deployments"; after: string | null }
  | { source: "workflow_runs"; workflows: number[] | null; page: number; ranges: CreatedRange[] }
  | { source: "releases"; page: number };

export interface DeploymentStepParams {
  octokit: GitHub;
  owner: string;
  repo: string;
  repoId: number;
  recorder: BackfillRecorder;
  cursor: string | null;
  first: number;
  since: number;
  sources: readonly DeploymentSourceSettings[];
  productionEnvironments: string[];
  /** Needed by workflow runs (only runs of the default branch deploy). */
  defaultBranch: string | null;
}

/** One page of one deployment source, recorded; `cursor: null` when every source is read. */
export async function deploymentStep(params: DeploymentStepParams): Promise<{ cursor: string | null; deployments: number }> {
  const listed = LISTED.filter((source) => deploymentSource(params.sources, source));
  const position = decode(params.cursor) ?? start(listed[0]);
  if (!position || !listed.includes(position.source)) return { cursor: null, deployments: 0 };
  const following = () => encode(start(listed[listed.indexOf(position.source) + 1]));
  const { next, deployments } = await readPage(params, position);
  return { cursor: next === undefined ? following() : encode(next), deployments };
}

/** Reads one page at `position`; `next` undefined when this source is done. */
async function readPage(params: DeploymentStepParams, position: Position): Promise<{ next: Position | undefined; deployments: number }> {
  const { octokit, owner, repo, repoId, recorder, first, since } = params;
  if (position.source === "github_deployments") {
    const page = await listDeployments({ octokit, owner, repo, after: position.after, first, environments: params.productionEnvironments });
    const inWindow = page.deployments.filter((deployment) => Date.parse(deployment.createdAt) >= since);
    if (inWindow.length > 0) await recorder.deployments({ repoId, deployments: inWindow });
    const more = page.hasNextPage && inWindow.length === page.deployments.length;
    return { next: more ? { source: "github_deployments", after: page.endCursor } : undefined, deployments: inWindow.length };
  }
  if (position.source === "workflow_runs") return workflowRunsPage(params, position);
  const settings = deploymentSource(params.sources, "releases");
  const page = await listReleases({ octokit, owner, repo, page: position.page, perPage: first });
  const found: SourceDeployment[] = [];
  for (const release of page.releases) {
    const published = release.publishedAt;
    if (!settings || published === null || Date.parse(published) < since || !releaseCounts(release, settings)) continue;
    const sha = await getRefSha({ octokit, owner, repo, ref: release.tagName });
    found.push(releaseDeployment({ id: release.id, tagName: release.tagName, publishedAt: published }, { sha, environment: settings.environment }));
  }
  if (found.length > 0) await recorder.sourceDeployments({ repoId, deployments: found });
  // Newest created first: once one was created before the window, the rest were too.
  const last = page.releases.at(-1);
  const more = page.hasNextPage && last !== undefined && Date.parse(last.createdAt) >= since;
  return { next: more ? { source: "releases", page: position.page + 1 } : undefined, deployments: found.length };
}

async function workflowRunsPage(params: DeploymentStepParams, position: Extract<Position, { source: "workflow_runs" }>): Promise<{ next: Position | undefined; deployments: number }> {
  const { octokit, owner, repo, repoId, recorder, since } = params;
  const settings = deploymentSource(params.sources, "workflow_runs");
  if (!settings || params.defaultBranch === null) return { next: undefined, deployments: 0 };
  if (position.workflows === null) {
    // The runs list filtered per workflow: the repo-wide one would page through every CI run and stop at 1,000.
    const workflows = (await listWorkflows({ octokit, owner, repo })).filter((workflow) => isDeployWorkflow(workflow, settings.workflows)).map((workflow) => workflow.id);
    return { next: workflows.length > 0 ? { source: "workflow_runs", workflows, page: 1, ranges: [] } : undefined, deployments: 0 };
  }
  const [workflowId, ...rest] = position.workflows;
  if (workflowId === undefined) return { next: undefined, deployments: 0 };
  const [range, ...laterRanges] = position.ranges;
  const created = range ? createdQualifier(range) : `>=${new Date(since).toISOString().slice(0, 10)}`;
  const page = await listWorkflowRuns({ octokit, owner, repo, workflowId, branch: params.defaultBranch, created, page: position.page, perPage: params.first });
  // GitHub lists at most 1,000 runs of this query: read it as two halves of its creation times instead.
  const halves = position.page === 1 && page.totalCount >= FILTERED_RUNS_CAP ? halve(range ?? windowOf(since, page.runs)) : undefined;
  if (halves && position.ranges.length < MAX_PENDING_RANGES) return { next: { ...position, ranges: [...halves, ...laterRanges] }, deployments: 0 };
  const found = page.runs
    .map((run) => workflowRunDeployment(run, { defaultBranch: params.defaultBranch as string, settings }))
    .filter((deployment): deployment is SourceDeployment => deployment !== null && deployment.createdAt >= since);
  if (found.length > 0) await recorder.sourceDeployments({ repoId, deployments: found });
  if (page.hasNextPage) return { next: { ...position, page: position.page + 1 }, deployments: found.length };
  if (laterRanges.length > 0) return { next: { ...position, page: 1, ranges: laterRanges }, deployments: found.length };
  return { next: rest.length > 0 ? { source: "workflow_runs", workflows: rest, page: 1, ranges: [] } : undefined, deployments: found.length };
}

/** The window start -> the newest run listed (runs come newest first), in seconds. */
function windowOf(since: number, runs: ReadonlyArray<{ createdAt: string }>): CreatedRange {
  const from = Math.floor(since / 1000);
  const newest = Math.max(from, ...runs.map((run) => Math.floor(Date.parse(run.createdAt) / 1000)));
  return [from, newest];
}

function start(source: Listed | undefined): Position | undefined {
  if (source === "github_deployments") return { source, after: null };
  if (source === "workflow_runs") return { source, workflows: null, page: 1, ranges: [] };
  return source === "releases" ? { source, page: 1 } : undefined;
}

function encode(position: Position | undefined): string | null {
  if (!position) return null;
  if (position.source === "github_deployments") return `github_deployments:${position.after ?? ""}`;
  if (position.source === "workflow_runs") {
    const ranges = position.ranges.length > 0 ? `:${encodeRanges(position.ranges)}` : "";
    return `workflow_runs:${position.workflows?.join(",") ?? "?"}:${position.page}${ranges}`;
  }
  return `releases:${position.page}`;
}

/** A cursor saved before sources existed is a bare GraphQL cursor of GitHub deployments. */
function decode(cursor: string | null): Position | undefined {
  if (cursor === null) return undefined;
  const [source = "", ...parts] = cursor.split(":");
  if (source === "workflow_runs" && (parts.length === 2 || parts.length === 3)) {
    const workflows = parts[0] === "?" ? null : (parts[0] ?? "").split(",").map(Number).filter((id) => Number.isSafeInteger(id) && id > 0);
    return { source, workflows, page: positivePage(parts[1]), ranges: decodeRanges(parts[2]) };
  }
  if (source === "releases" && parts.length === 1) return { source, page: positivePage(parts[0]) };
  if (source === "github_deployments") return { source, after: parts.join(":") || null };
  return { source: "github_deployments", after: cursor };
}

function positivePage(text: string | undefined): number {
  const page = Number(text);
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}
