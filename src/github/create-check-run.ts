import type { CheckRunFields } from "../model/check-run-fields.js";
import type { GitHub } from "./octokit.js";

/** Creates a check run on `headSha` and returns its id; `startedAt` only for one that is in progress. */
export async function createCheckRun(params: { octokit: GitHub; owner: string; repo: string; name: string; headSha: string; startedAt?: string; fields: CheckRunFields }): Promise<number> {
  const { octokit, owner, repo, name, headSha, startedAt, fields } = params;
  const { data } = await octokit.rest.checks.create({ owner, repo, name, head_sha: headSha, ...(startedAt === undefined ? {} : { started_at: startedAt }), ...fields });
  return data.id;
}
