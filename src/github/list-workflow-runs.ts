import type { GitHub } from "./octokit.js";

/** A completed workflow run, with what a deployment is read from. */
export interface WorkflowRunSummary {
  id: number;
  name: string | null;
  path: string;
  headSha: string;
  headBranch: string | null;
  conclusion: string | null;
  createdAt: string;
  runStartedAt: string | null;
  updatedAt: string;
}

/** GitHub answers at most this many runs of a filtered runs list, whatever `total_count` says. */
export const FILTERED_RUNS_CAP = 1000;

/**
 * One page of a workflow's completed runs on `branch` whose creation matches `created` (GitHub's
 * qualifier: `>=2024-05-04` or `2024-05-04T00:00:00Z..2024-05-19T11:59:59Z`), newest first
 * (`GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs`). GitHub answers at most
 * 1,000 runs for such a filtered list: `totalCount` tells when a query matched more.
 */
export async function listWorkflowRuns(params: {
  octokit: GitHub;
  owner: string;
  repo: string;
  workflowId: number;
  branch: string;
  created: string;
  page: number;
  perPage: number;
}): Promise<{ runs: WorkflowRunSummary[]; hasNextPage: boolean; totalCount: number }> {
  const { octokit, owner, repo, workflowId, branch, created, page, perPage } = params;
  const { data } = await octokit.rest.actions.listWorkflowRuns({ owner, repo, workflow_id: workflowId, branch, status: "completed", created, per_page: perPage, page });
  const runs = data.workflow_runs.map((run) => ({
    id: run.id,
    name: run.name ?? null,
    path: run.path,
    headSha: run.head_sha,
    headBranch: run.head_branch,
    conclusion: run.conclusion,
    createdAt: run.created_at,
    runStartedAt: run.run_started_at ?? null,
    updatedAt: run.updated_at,
  }));
  return { runs, hasNextPage: runs.length === perPage && page * perPage < Math.min(data.total_count, FILTERED_RUNS_CAP), totalCount: data.total_count };
}
