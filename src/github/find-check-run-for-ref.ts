import type { GitHub } from "./octokit.js";

/** The id of the latest check run named `name` on `ref`, if GitHub has one (one request, no paging). */
export async function findCheckRunForRef(params: { octokit: GitHub; owner: string; repo: string; ref: string; name: string }): Promise<number | undefined> {
  const { octokit, owner, repo, ref, name } = params;
  const { data } = await octokit.rest.checks.listForRef({ owner, repo, ref, check_name: name, filter: "latest" });
  return data.check_runs.find((run) => run.name === name)?.id;
}
