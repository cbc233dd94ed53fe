import type { GitHub } from "./octokit.js";

/** The installation of the app on `owner/repo`; null when the app is not installed there. Needs the app's JWT Octokit. */
export async function getRepositoryInstallation(params: { appOctokit: GitHub; owner: string; repo: string }): Promise<number | null> {
  try {
    const { data } = await params.appOctokit.request("GET /repos/{owner}/{repo}/installation", { owner: params.owner, repo: params.repo });
    return data.id;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
  }
}
