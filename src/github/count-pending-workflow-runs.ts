import type { GitHub } from "./octokit.js";

/** How many workflow runs of `headSha`, other than `exceptRunId`, are not finished yet. */
export async function countPendingWorkflowRuns(params: { octokit: GitHub; owner: string; repo: string; headSha: string; exceptRunId: number }): Promise<number> {
  const { octokit, owner, repo, headSha, exceptRunId } = params;
  const { data } = await octokit.rest.actions.listWorkflowRunsForRepo({ owner, repo, head_sha: headSha, per_page: 100 });
  return data.workflow_runs.filter((run) => run.id !== exceptRunId && run.status !== "completed").length;
}
