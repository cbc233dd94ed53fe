import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { listPullRequestCommits } from "../github/list-pull-request-commits.js";
import { applyPullRequestEvent } from "../metrics/apply-pull-request-event.js";
import { hygieneOutcomes } from "../metrics/hygiene-outcomes.js";
import { snapshotFromPayload, type PullRequestPayload } from "../metrics/snapshot-from-payload.js";
import { revertTarget } from "../metrics/revert-target.js";
import { recordRepository } from "../store/metric-repos.js";
import { recordRevert } from "../store/reverts.js";
import { needsFirstCommit, recordPullRequestEvent, refreshPullRequestHygiene } from "../store/pull-requests.js";
import { deployIfAlreadyShipped } from "./link-deployment.js";
import { recordMergeDeployment } from "./record-source-deployment.js";

/** The `pull_request` actions whose payload updates the PR's delivery facts (ADR 0040). */
export const RECORDED_PULL_REQUEST_ACTIONS = [
  "pull_request.opened",
  "pull_request.reopened",
  "pull_request.ready_for_review",
  "pull_request.converted_to_draft",
  "pull_request.review_requested",
  "pull_request.closed",
  "pull_request.synchronize",
  "pull_request.edited",
] as const;

/**
 * Records the PR as this payload shows it; on merge, fetches its commits once for the first
 * commit time and looks for a deployment recorded before the merge event that shipped it (ADR
 * 0042) and remembers what a revert PR reverts; then copies its hygiene outcomes from Shipshape's own check runs.
 */
export function recordPullRequest(deps: AppDeps) {
  return async (context: Context<"pull_request">): Promise<void> => {
    const { payload } = context;
    const repository = payload.repository;
    const repoId = repository.id;
    const key = { repoId, number: payload.pull_request.number };
    const snapshot = snapshotFromPayload(payload.action, payload.pull_request as unknown as PullRequestPayload, repoId);
    await recordRepository(deps.db, { repoId, owner: repository.owner.login, name: repository.name, at: snapshot.asOf, htmlUrl: repository.html_url });
    const record = await recordPullRequestEvent(deps.db, snapshot, applyPullRequestEvent);
    if (record.mergedAt !== null && (await needsFirstCommit(deps.db, key))) {
      const commits = await listPullRequestCommits({ octokit: context.octokit, owner: repository.owner.login, repo: repository.name, number: key.number });
      const dates = commits.map((commit) => (commit.authorDate ? Date.parse(commit.authorDate) : NaN)).filter((time) => !Number.isNaN(time));
      await recordPullRequestEvent(deps.db, { kind: "first_commit", ...key, at: dates.length > 0 ? Math.min(...dates) : null }, applyPullRequestEvent);
    }
    if (record.mergedAt !== null) {
      await deployIfAlreadyShipped(deps.db, { ...key, mergeCommitSha: record.mergeCommitSha });
      const pr = payload.pull_request;
      // A revert PR fails the deployment that shipped what it reverts (ADR 0048); resolved when the report reads it.
      const target = revertTarget({ headRef: pr.head.ref, body: pr.body ?? null, repo: repository.full_name });
      if (target) await recordRevert(deps.db, { ...key, target });
      if (payload.action === "closed") await recordMergeDeployment(deps, context, { id: pr.id, baseRef: pr.base.ref, mergedAt: record.mergedAt, mergeCommitSha: record.mergeCommitSha });
    }
    await refreshPullRequestHygiene(deps.db, key, hygieneOutcomes);
  };
}
