import type { GitHub } from "./octokit.js";

/** The repository's id, its names as GitHub spells them (the CLI accepts any case) and its default branch. */
export async function getRepository(params: { octokit: GitHub; owner: string; repo: string }): Promise<{ id: number; owner: string; name: string; defaultBranch: string }> {
  const { data } = await params.octokit.rest.repos.get({ owner: params.owner, repo: params.repo });
  return { id: data.id, owner: data.owner.login, name: data.name, defaultBranch: data.default_branch };
}
