import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { coverageCheck } from "../checks/coverage/coverage-check.js";
import { NO_WORKFLOW_RAN } from "../coverage/judge-coverage.js";
import { loadConfig } from "../gather/load-config.js";
import { getPullRequest } from "../github/get-pull-request.js";
import { listWorkflowRunsForSha } from "../github/list-workflow-runs-for-sha.js";
import { pullRequestFacts } from "../model/pull-request-facts.js";
import { evaluatePullRequest } from "../pipeline/evaluate-pull-request.js";
import { commitsWithCoverage, listCoverageRuns, recordCoverageRun, repoKey } from "../store/coverage.js";
import { findPullRequestsByHead } from "../store/pull-request-heads.js";

/** The run id of the row that says "CI finished and no workflow ran for this commit". */
export const NO_WORKFLOW_RUN_ID = 0;

/**
 * `check_suite.completed` (ADR 0035): some CI finished for a commit. When Shipshape has heard of
 * no report and no workflow run for that commit, and GitHub lists no workflow run of it (every
 * workflow was left out by path filters), `shipshape/coverage` concludes by
 * `coverage.if_no_report` rather than never appearing, so a required check cannot block a PR
 * forever. The store is asked first: a commit whose runs are known is judged by their
 * `workflow_run.completed` events, and costs no request here.
 */
export function onCheckSuiteCompleted(deps: AppDeps) {
  return async (context: Context<"check_suite.completed">): Promise<void> => {
    const { payload, octokit } = context;
    const sha = payload.check_suite.head_sha;
    const owner = payload.repository.owner.login;
    const name = payload.repository.name;
    const repo = repoKey(owner, name);
    if ((await listCoverageRuns(deps.db, { repo, sha })).length > 0) return;
    if ((await commitsWithCoverage(deps.db, { repo, shas: [sha] })).size > 0) return;
    const listed = (payload.check_suite.pull_requests ?? []).filter((pull) => pull.base.repo.id === payload.repository.id).map((pull) => pull.number);
    // Fork PRs have an empty list: the store maps SHA -> PR for them.
    const numbers = [...new Set([...listed, ...(await findPullRequestsByHead(deps.db, { repoId: payload.repository.id, headSha: sha }))])];
    if (numbers.length === 0) return;

    const config = await loadConfig({ octokit, owner, repo: name, cache: deps.caches.config });
    if (!config.ok || !config.config.coverage.enabled) return;
    // Any workflow run of the commit, finished or not, will report through workflow_run.completed.
    if ((await listWorkflowRunsForSha({ octokit, owner, repo: name, headSha: sha })).length > 0) return;

    await recordCoverageRun(deps.db, { repo, sha, run_id: NO_WORKFLOW_RUN_ID, run_name: NO_WORKFLOW_RAN, outcome: "no-artifact", detail: null, others_pending: 0, completed_at: Date.parse(payload.check_suite.updated_at ?? "") || deps.now().getTime() });
    for (const number of numbers) {
      const pr = await getPullRequest({ octokit, owner, repo: name, number });
      if (!pr || pr.state !== "open" || pr.head.sha !== sha) continue;
      await evaluatePullRequest({ deps, octokit, pr: pullRequestFacts(pr, payload.repository), trigger: "check_suite.completed", checks: [coverageCheck] });
    }
  };
}
