import type { GitHub } from "./octokit.js";

export interface ArtifactFacts {
  id: number;
  name: string;
  sizeInBytes: number;
  expired: boolean;
}

/** The artifacts a workflow run uploaded. */
export async function listRunArtifacts(params: { octokit: GitHub; owner: string; repo: string; runId: number }): Promise<ArtifactFacts[]> {
  const { octokit, owner, repo, runId } = params;
  const artifacts: ArtifactFacts[] = [];
  for await (const page of octokit.paginate.iterator(octokit.rest.actions.listWorkflowRunArtifacts, { owner, repo, run_id: runId, per_page: 100 })) {
    for (const artifact of page.data) {
      artifacts.push({ id: artifact.id, name: artifact.name, sizeInBytes: artifact.size_in_bytes, expired: artifact.expired });
    }
  }
  return artifacts;
}
