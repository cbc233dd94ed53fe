import type { AppDeps } from "../app-deps.js";
import { coverageCheck } from "../checks/coverage/coverage-check.js";
import { pullRequestFacts } from "../model/pull-request-facts.js";
import type { ComponentsOf, UploadedCoverage } from "../http/coverage-upload-route.js";
import { loadConfig } from "../gather/load-config.js";
import { getPullRequest } from "../github/get-pull-request.js";
import type { GitHub } from "../github/octokit.js";
import { evaluatePullRequest } from "../pipeline/evaluate-pull-request.js";
import { findPullRequestsByHead } from "../store/pull-request-heads.js";

/**
 * After an upload through the coverage API: post `shipshape/coverage` on the open PRs whose head
 * is the uploaded SHA, as a workflow run would. `auth` is Probot's: no id = the app itself, an id
 * = that installation. Pass the result as the upload route's `afterUpload`.
 */
export function postCoverageAfterUpload(params: { deps: AppDeps; auth: (installationId?: number) => Promise<GitHub> }) {
  return async (upload: UploadedCoverage): Promise<void> => {
    const { deps, auth } = params;
    const app = await auth();
    const { data: installation } = await app.rest.apps.getRepoInstallation({ owner: upload.owner, repo: upload.repo });
    const octokit = await auth(installation.id);
    const { data: repository } = await octokit.rest.repos.get({ owner: upload.owner, repo: upload.repo });
    for (const number of await findPullRequestsByHead(deps.db, { repoId: repository.id, headSha: upload.sha })) {
      const pr = await getPullRequest({ octokit, owner: repository.owner.login, repo: repository.name, number });
      if (!pr || pr.state !== "open" || pr.head.sha !== upload.sha) continue;
      await evaluatePullRequest({ deps, octokit, pr: pullRequestFacts(pr, repository), trigger: "coverage.uploaded", checks: [coverageCheck] });
    }
  };
}

/**
 * The repo's `coverage.components` as its installation reads the config (cached like every
 * config read), for an upload that names a component with `flag`. A broken config has none.
 */
export function coverageComponentsOf(params: { deps: Pick<AppDeps, "caches">; auth: (installationId?: number) => Promise<GitHub> }): ComponentsOf {
  return async ({ owner, repo }) => {
    const app = await params.auth();
    const { data: installation } = await app.rest.apps.getRepoInstallation({ owner, repo });
    const octokit = await params.auth(installation.id);
    const config = await loadConfig({ octokit, owner, repo, cache: params.deps.caches.config });
    return config.ok ? config.config.coverage.components : [];
  };
}
