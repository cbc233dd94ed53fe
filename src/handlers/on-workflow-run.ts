import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { coverageCheck } from "../checks/coverage/coverage-check.js";
import { pullRequestFacts } from "../model/pull-request-facts.js";
import { compileGlob } from "../lib/glob.js";
import { loadConfig } from "../gather/load-config.js";
import { combineReports } from "../coverage/model.js";
import { componentPrefixes, type CoverageComponent } from "../coverage/component-prefixes.js";
import { type CoverageReport } from "../model/coverage-report.js";
import { mergeForStorage } from "../coverage/merge-for-storage.js";
import { readArtifactReports, type ReserveBytes } from "../coverage/read-artifact.js";
import { countPendingWorkflowRuns } from "../github/count-pending-workflow-runs.js";
import { ArtifactTooLargeError, downloadArtifact } from "../github/download-artifact.js";
import { getPullRequest } from "../github/get-pull-request.js";
import { listRunArtifacts } from "../github/list-run-artifacts.js";
import type { GitHub } from "../github/octokit.js";
import { evaluatePullRequest } from "../pipeline/evaluate-pull-request.js";
import { recordCoverageRun, repoKey, saveCoverageReport } from "../store/coverage.js";
import { findPullRequestsByHead } from "../store/pull-request-heads.js";

/**
 * `workflow_run.completed`: gather the run's coverage artifacts (download, unzip within caps,
 * parse), store the report for the head SHA (every commit's, so pushes to the default branch
 * become bases), note how many other runs of the SHA are still going, then post
 * `shipshape/coverage` on every open PR whose head is that SHA.
 */
export function onWorkflowRun(deps: AppDeps) {
  return async (context: Context<"workflow_run.completed">): Promise<void> => {
    const { payload, octokit } = context;
    const run = payload.workflow_run;
    const owner = payload.repository.owner.login;
    const name = payload.repository.name;
    const config = await loadConfig({ octokit, owner, repo: name, cache: deps.caches.config });
    if (!config.ok || !config.config.coverage.enabled) return;

    const repo = repoKey(owner, name);
    // Past the inflate budget the delivery fails with BudgetBusyError: the worker retries it later
    // and never makes it a dead letter for that (ADR 0005).
    const reserve: ReserveBytes = (bytes) => deps.memory.inflated.take(bytes, deps.memory.inflateWaitMs);
    const collected = await collectRunReports({ octokit, owner, repo: name, runId: run.id, artifactGlob: config.config.coverage.artifact, components: config.config.coverage.components, reserve });
    const report = collected.report;
    if (report) {
      await saveCoverageReport(deps.db, { repo, sha: run.head_sha, branch: run.head_branch ?? null, merge: (existing) => mergeForStorage(existing, report), now: deps.now().getTime(), recent: deps.caches.coverageReports });
    }
    const othersPending = await countPendingWorkflowRuns({ octokit, owner, repo: name, headSha: run.head_sha, exceptRunId: run.id });
    await recordCoverageRun(deps.db, {
      repo,
      sha: run.head_sha,
      run_id: run.id,
      run_name: run.name ?? `run ${run.id}`,
      outcome: collected.report ? "report" : collected.matched === 0 ? "no-artifact" : "error",
      detail: collected.errors.length > 0 ? collected.errors.join("\n") : null,
      others_pending: othersPending,
      completed_at: Date.parse(run.updated_at) || deps.now().getTime(),
    });

    // Fork PRs have an empty pull_requests list: the store maps SHA -> PR for them.
    const fromPayload = (run.pull_requests ?? []).flatMap((pr) => (pr && pr.base.repo.id === payload.repository.id ? [pr.number] : []));
    const fromStore = await findPullRequestsByHead(deps.db, { repoId: payload.repository.id, headSha: run.head_sha });
    for (const number of new Set([...fromPayload, ...fromStore])) {
      const pr = await getPullRequest({ octokit, owner, repo: name, number });
      if (!pr || pr.state !== "open" || pr.head.sha !== run.head_sha) continue;
      await evaluatePullRequest({ deps, octokit, pr: pullRequestFacts(pr, payload.repository), trigger: "workflow_run.completed", checks: [coverageCheck] });
    }
  };
}

/** Every report in the run's artifacts whose name matches the glob, merged (each under its component's path prefix). */
async function collectRunReports(params: {
  octokit: GitHub;
  owner: string;
  repo: string;
  runId: number;
  artifactGlob: string;
  components: readonly CoverageComponent[];
  reserve: ReserveBytes;
}): Promise<{ report: CoverageReport | null; matched: number; errors: string[] }> {
  const { octokit, owner, repo, runId, reserve } = params;
  const artifactGlob = compileGlob(params.artifactGlob);
  const artifacts = (await listRunArtifacts({ octokit, owner, repo, runId })).filter((artifact) => artifactGlob.matches(artifact.name));
  let merged: CoverageReport | null = null;
  const errors: string[] = [];
  for (const artifact of artifacts) {
    if (artifact.expired) {
      errors.push(`${artifact.name}: the artifact has expired`);
      continue;
    }
    let zip: Buffer;
    try {
      zip = await downloadArtifact({ octokit, owner, repo, artifactId: artifact.id });
    } catch (error) {
      if (!(error instanceof ArtifactTooLargeError)) throw error;
      errors.push(`${artifact.name}: ${error.message}`);
      continue;
    }
    const read = await readArtifactReports(zip, artifact.name, undefined, reserve, componentPrefixes(params.components, { artifact: artifact.name }));
    errors.push(...read.errors);
    if (read.report) merged = combineReports(merged, read.report);
  }
  return { report: merged, matched: artifacts.length, errors };
}
