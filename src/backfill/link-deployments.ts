import { applyPullRequestEvent } from "../metrics/apply-pull-request-event.js";
import { listComparedCommits } from "../github/list-compared-commits.js";
import type { GitHub } from "../github/octokit.js";
import { getDeployment, listProductionDeployments, markDeploymentPrsMarked, previousSuccessfulDeployment } from "../store/deployments.js";
import type { Db } from "../store/db.js";
import { markPullRequestsDeployed } from "../store/pull-requests.js";

/**
 * Marks the PRs each imported successful production deployment shipped, oldest first, exactly as
 * the `deployment_status` handler does live: the compare API between the previous successful
 * production deployment and this one. The first deployment of the window has nothing to compare
 * with, so PRs merged before it stay out of deploy time (ADR 0040). Deployments already linked
 * (by the webhook or an earlier run) are skipped, so a resumed run repeats nothing.
 */
export async function linkDeployments(params: { db: Db; octokit: GitHub; owner: string; repo: string; repoId: number; since: number }): Promise<number> {
  const { db, octokit, owner, repo, repoId } = params;
  const imported = await listProductionDeployments(db, { repoIds: [repoId], from: params.since, to: Number.MAX_SAFE_INTEGER });
  const pending = imported.filter((d) => d.succeededAt !== null && !d.prsMarked).sort((a, b) => (a.succeededAt ?? 0) - (b.succeededAt ?? 0));
  let marked = 0;
  for (const candidate of pending) {
    await db.withLock(`metrics:deploys:${repoId}`, async () => {
      const deployment = await getDeployment(db, candidate.deploymentId);
      if (!deployment || deployment.prsMarked || deployment.succeededAt === null) return;
      const previous = await previousSuccessfulDeployment(db, deployment);
      if (previous) {
        const shas = await listComparedCommits({ octokit, owner, repo, base: previous.sha, head: deployment.sha });
        marked += (await markPullRequestsDeployed(db, { repoId, commitShas: shas, at: deployment.succeededAt }, applyPullRequestEvent)).length;
      }
      await markDeploymentPrsMarked(db, deployment.deploymentId);
    });
  }
  return marked;
}
