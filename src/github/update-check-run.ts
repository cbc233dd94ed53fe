import type { CheckRunFields } from "../model/check-run-fields.js";
import type { GitHub } from "./octokit.js";

/** Updates a check run in place; annotations in `output` are appended to those it has (GitHub's rule). */
export async function updateCheckRun(params: { octokit: GitHub; owner: string; repo: string; checkRunId: number; fields: Partial<CheckRunFields> }): Promise<void> {
  const { octokit, owner, repo, checkRunId, fields } = params;
  await octokit.rest.checks.update({ owner, repo, check_run_id: checkRunId, ...fields });
}
