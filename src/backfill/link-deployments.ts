import { compareWith } from "../recording/link-deployment.js";
import { linkDeployment } from "../recording/link-deployment.js";
import type { GitHub } from "../github/octokit.js";
import { listSuccessfulDeployments } from "../store/deployments.js";
import type { Db } from "../store/db.js";

/**
 * Links every successful production deployment of the window to the PRs it shipped, oldest
 * first, by the live handler's own rule (ADR 0042). Deployments linked before (by the webhook or
 * an earlier run) are not compared again unless their predecessor changed, but their stored
 * commits still mark the PRs imported since: a merge recorded after its deployment gets its
 * deploy time. A resumed run makes no new requests. Returns the PRs whose deploy time changed.
 */
export async function linkDeployments(params: { db: Db; octokit: GitHub; owner: string; repo: string; repoId: number; since: number }): Promise<number> {
  const { db, repoId } = params;
  const compare = compareWith(params.octokit, params.owner, params.repo);
  const marked = new Set<number>();
  for (const deployment of await listSuccessfulDeployments(db, { repoId, since: params.since })) {
    for (const number of await linkDeployment({ db, repoId, deploymentId: deployment.deploymentId, compare, relink: true })) marked.add(number);
  }
  return marked.size;
}
