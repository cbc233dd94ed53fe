import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { checks } from "../checks/index.js";
import { pullRequestFacts } from "../model/pull-request-facts.js";
import { getPullRequest } from "../github/get-pull-request.js";
import { evaluatePullRequest } from "../pipeline/evaluate-pull-request.js";
import { findPullRequestsByHead } from "../store/pull-request-heads.js";

export const CHECK_RERUN_TRIGGERS = ["check_run.rerequested", "check_suite.rerequested"] as const;

type RerunContext = Context<"check_run.rerequested"> | Context<"check_suite.rerequested">;

interface PayloadPullRef {
  number: number;
  base: { repo: { id: number } };
}

/**
 * "Re-run" on one of Shipshape's check runs or its suite: judge the PR(s) of that head SHA again
 * from fresh data. GitHub lists the PRs in the payload, except for fork PRs, whose list is empty:
 * those come from the SHA -> PR map the pipeline records.
 */
export function onCheckRerequested(deps: AppDeps) {
  return async (context: RerunContext): Promise<void> => {
    const { payload } = context;
    const repository = payload.repository;
    const subject = "check_run" in payload ? payload.check_run : payload.check_suite;
    const trigger = "check_run" in payload ? "check_run.rerequested" : "check_suite.rerequested";
    const numbers = await pullRequestNumbers(deps, repository.id, subject.head_sha, subject.pull_requests as PayloadPullRef[]);

    for (const number of numbers) {
      const pull = await getPullRequest({ octokit: context.octokit, owner: repository.owner.login, repo: repository.name, number });
      if (!pull) continue;
      await evaluatePullRequest({
        deps,
        octokit: context.octokit,
        pr: pullRequestFacts(pull, repository),
        trigger,
        checks,
        fresh: true,
      });
    }
  };
}

async function pullRequestNumbers(deps: AppDeps, repoId: number, headSha: string, listed: PayloadPullRef[]): Promise<number[]> {
  // The list may name PRs of other repositories whose head is this SHA; only this repo's count.
  const own = listed.filter((pull) => pull.base.repo.id === repoId).map((pull) => pull.number);
  if (own.length > 0) return [...new Set(own)];
  return findPullRequestsByHead(deps.db, { repoId, headSha });
}
