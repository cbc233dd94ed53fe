import type { GitHub } from "./octokit.js";

/** A workflow of the repository: its id, name and file (`.github/workflows/deploy.yml`). */
export interface WorkflowSummary {
  id: number;
  name: string;
  path: string;
}

/** Pages read at most: 10 x 100 workflows. */
const MAX_PAGES = 10;

/** The repository's workflows (`GET /repos/{owner}/{repo}/actions/workflows`). */
export async function listWorkflows(params: { octokit: GitHub; owner: string; repo: string }): Promise<WorkflowSummary[]> {
  const { octokit, owner, repo } = params;
  const workflows: WorkflowSummary[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const { data } = await octokit.rest.actions.listRepoWorkflows({ owner, repo, per_page: 100, page });
    workflows.push(...data.workflows.map((w) => ({ id: w.id, name: w.name, path: w.path })));
    if (data.workflows.length < 100 || workflows.length >= data.total_count) break;
  }
  return workflows;
}
