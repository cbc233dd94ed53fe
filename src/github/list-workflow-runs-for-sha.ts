import type { GitHub } from "./octokit.js";

/** The workflow runs of one commit (the first 100), with their status. */
export async function listWorkflowRunsForSha(params: { octokit: GitHub; owner: string; repo: string; headSha: string }): Promise<Array<{ id: number; status: string | null }>> {
  const { octokit, owner, repo, headSha } = params;
  const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, head_sha: headSha, per_page: 100 });
  return data.workflow_runs.map((run) => ({ id: run.id, status: run.status }));
}
