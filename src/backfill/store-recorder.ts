import { applyPullRequestEvent } from "../metrics/apply-pull-request-event.js";
import type { DeploymentRecord as FetchedDeployment } from "../github/list-deployments.js";
import type { GitHub } from "../github/octokit.js";
import { recordDeployment, recordDeploymentStatus } from "../store/deployments.js";
import type { Db } from "../store/db.js";
import { applyIncidentEvent } from "../metrics/apply-incident-event.js";
import { recordIncidentEvent } from "../store/incidents.js";
import { recordPullRequestEvent } from "../store/pull-requests.js";
import { recordReview } from "../store/reviews.js";
import { linkDeployments } from "./link-deployments.js";
import type { PullRequestRecord } from "../model/pull-request-record.js";
import { deployIfAlreadyShipped } from "../recording/link-deployment.js";
import { saveSourceDeployment } from "../recording/record-source-deployment.js";
import { recordRevert } from "../store/reverts.js";
import { recordRepositoryUrl } from "../store/metric-repos.js";
import type { BackfillRecorder } from "./run-backfill.js";

/**
 * The backfill's recorder: the metrics store's own recording functions, the ones the webhooks
 * use, so imported and live facts fold into the same rows by the same rules.
 * Once every deployment of the window is stored, the PRs each successful production deployment
 * shipped are marked deployed (compare API).
 */
export function storeRecorder(params: {
  db: Db;
  octokit: GitHub;
  owner: string;
  repo: string;
  productionEnvironments: readonly string[];
}): BackfillRecorder {
  const { db, productionEnvironments } = params;
  return {
    async pullRequest(events) {
      let record: PullRequestRecord | undefined;
      for (const event of events) {
        record = await recordPullRequestEvent(db, event, applyPullRequestEvent);
        if (event.kind === "review" && event.state) await recordReview(db, { ...event, state: event.state });
      }
      // A deployment stored before this PR (live, or by an earlier run) may already have shipped it.
      if (record?.mergedAt != null) await deployIfAlreadyShipped(db, { repoId: record.repoId, number: record.number, mergeCommitSha: record.mergeCommitSha });
    },
    async deployments({ repoId, deployments }) {
      for (const deployment of deployments) await storeDeployment(db, { repoId, deployment, productionEnvironments });
    },
    async sourceDeployments({ repoId, deployments }) {
      // Linked with the others in `finish`, oldest first.
      for (const deployment of deployments) await saveSourceDeployment(db, { repoId, deployment, productionEnvironments });
    },
    async repositoryUrl({ repoId, url }) {
      await recordRepositoryUrl(db, { repoId, htmlUrl: url });
    },
    async revert({ repoId, number, target }) {
      await recordRevert(db, { repoId, number, target });
    },
    async incidents({ repoId, issues }) {
      for (const issue of issues) {
        // Listed by their incident labels, so labelled as of their `updated_at`.
        const event = {
          kind: "snapshot" as const,
          repoId,
          number: issue.number,
          title: issue.title,
          openedAt: Date.parse(issue.createdAt),
          closedAt: issue.closedAt === null ? null : Date.parse(issue.closedAt),
          labelled: true,
          asOf: Date.parse(issue.updatedAt),
        };
        await recordIncidentEvent(db, event, applyIncidentEvent);
      }
    },
    async finish({ repoId, since }) {
      await linkDeployments({ db, octokit: params.octokit, owner: params.owner, repo: params.repo, repoId, since });
    },
  };
}

async function storeDeployment(db: Db, params: { repoId: number; deployment: FetchedDeployment; productionEnvironments: readonly string[] }): Promise<void> {
  const { repoId, deployment } = params;
  await recordDeployment(db, {
    repoId,
    deploymentId: deployment.id,
    environment: deployment.environment,
    production: params.productionEnvironments.some((name) => name.toLowerCase() === deployment.environment.toLowerCase()),
    sha: deployment.sha,
    ref: deployment.ref,
    createdAt: Date.parse(deployment.createdAt),
  });
  for (const status of deployment.statuses) {
    await recordDeploymentStatus(db, { deploymentId: deployment.id, state: status.state, at: Date.parse(status.createdAt) });
  }
}
