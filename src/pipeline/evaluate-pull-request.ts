import type { AppDeps } from "../app-deps.js";
import type { CheckDefinition } from "../checks/check-definition.js";
import type { PullRequestFacts } from "../model/pull-request-facts.js";
import { applyOverride, toCheckRun } from "../checks/to-check-run.js";
import type { CheckKey, CheckRunState, Conclusion, Override } from "../model/checks.js";
import type { Config } from "../config/schema.js";
import { invalidateConfig } from "../gather/config-cache.js";
import { loadConfig } from "../gather/load-config.js";
import type { GitHub } from "../github/octokit.js";
import { createPullRequestData, type PullRequestData } from "../gather/pull-request-data.js";
import { upsertCheckRun } from "../act/upsert-check-run.js";
import { upsertStickyComment } from "../act/upsert-sticky-comment.js";
import { listOverrides } from "../store/overrides.js";
import { recordPullRequestHead } from "../store/pull-request-heads.js";
import { postConfigChecks } from "./post-config-checks.js";
import { NO_TRACKER_CREDENTIALS } from "../trackers/tracker-credentials.js";
import { DEFAULT_TRACKER_IO } from "../trackers/request-tracker.js";

export interface PipelineOutcome {
  /** Why nothing was judged, when nothing was. */
  skipped?: "closed" | "config-broken";
  conclusions: Partial<Record<CheckKey, Conclusion | "in_progress" | "none">>;
}

/**
 * The pull-request pipeline: gather (config, overrides, GitHub data shared by all checks),
 * decide (each check's pure rule), act (check runs and sticky comments, skipping no-op writes).
 * Every trigger — PR events, re-requested checks, `/shipshape refresh` — comes through here.
 */
export async function evaluatePullRequest(params: {
  deps: AppDeps;
  octokit: GitHub;
  pr: PullRequestFacts;
  trigger: string;
  checks: readonly CheckDefinition[];
  /** Re-read config and GitHub data rather than trusting caches (refresh, rerequest). */
  fresh?: boolean;
}): Promise<PipelineOutcome> {
  const { deps, octokit, pr, checks, trigger } = params;
  const now = deps.now();
  await recordPullRequestHead(deps.db, { repoId: pr.repo.id, headSha: pr.headSha, prNumber: pr.number, at: now.getTime() });
  if (pr.state === "closed") return { skipped: "closed", conclusions: {} };

  const { owner, name: repo } = pr.repo;
  if (params.fresh) invalidateConfig(deps.caches.config, owner, repo);
  const config = await loadConfig({ octokit, owner, repo, cache: deps.caches.config });
  const cache = !params.fresh ? { store: deps.caches.pullRequests, headSha: pr.headSha, baseSha: pr.baseSha } : undefined;
  const data = createPullRequestData({ octokit, owner, repo, number: pr.number, headSha: pr.headSha, caches: deps.caches, ...(cache ? { cache } : {}) });

  const configOk = await postConfigChecks({ deps, octokit, pr, config, data, trigger, now });
  if (!config.ok || !configOk.defaultBranchOk) return { skipped: "config-broken", conclusions: {} };

  const overrides = await listOverrides(deps.db, { repoId: pr.repo.id, prNumber: pr.number });
  const conclusions: PipelineOutcome["conclusions"] = {};
  const errors: unknown[] = [];
  for (const check of checks) {
    if (!check.enabled(config.config)) continue;
    try {
      conclusions[check.key] = await runCheck({ deps, octokit, pr, check, data, trigger, now, config: config.config, override: overrides.find((o) => o.check === check.key) });
    } catch (error) {
      // One failing check must not keep the others from being posted; the delivery is retried.
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, "several checks failed");
  return { conclusions };
}

async function runCheck(params: {
  deps: AppDeps;
  octokit: GitHub;
  pr: PullRequestFacts;
  check: CheckDefinition;
  data: PullRequestData;
  trigger: string;
  now: Date;
  config: Config;
  override: Override | undefined;
}): Promise<Conclusion | "in_progress" | "none"> {
  const { deps, octokit, pr, check, data, trigger, now, config, override } = params;
  const trackers = {
    credentials: deps.settings.trackers ?? NO_TRACKER_CREDENTIALS,
    io: deps.trackers?.io ?? DEFAULT_TRACKER_IO,
    warn: deps.trackers?.warn ?? (() => {}),
  };
  const evaluation = await check.evaluate({ pr, config, data, db: deps.db, caches: deps.caches, now, trigger, trackers, githubHost: deps.settings.githubHost ?? "github.com", override });
  const result = applyOverride(evaluation.result, override);
  const state = withDashboardLink(toCheckRun({ name: `shipshape/${check.key}`, result, mode: check.mode(config) }), deps.settings.publicUrl, pr.repo);
  if (state) {
    await upsertCheckRun({ octokit, db: deps.db, repo: { id: pr.repo.id, owner: pr.repo.owner, name: pr.repo.name }, headSha: pr.headSha, state, now });
  }
  // A skipped check leaves its comment as it was (the check run says who skipped it and why),
  // unless the comment itself says so (the ADR comment, ADR 0022).
  if (evaluation.comment && (!override || evaluation.comment.followsOverride === true)) {
    await upsertStickyComment({
      octokit,
      db: deps.db,
      repo: { id: pr.repo.id, owner: pr.repo.owner, name: pr.repo.name },
      prNumber: pr.number,
      feature: evaluation.comment.feature,
      body: evaluation.comment.body,
      create: evaluation.comment.create,
      now,
    });
  }
  if (!state) return "none";
  return state.status === "in_progress" ? "in_progress" : (state.conclusion ?? "neutral");
}

/**
 * With `SHIPSHAPE_PUBLIC_URL`, a check's summary ends with an absolute link to the repo's
 * dashboard (a relative one means nothing on GitHub). Without it, nothing is added.
 */
export function withDashboardLink(state: CheckRunState | null, publicUrl: string | undefined, repo: { owner: string; name: string }): CheckRunState | null {
  if (!state || !publicUrl) return state;
  const url = `${publicUrl}/dashboard/${encodeURIComponent(repo.owner)}/${encodeURIComponent(repo.name)}`;
  return { ...state, output: { ...state.output, summary: `${state.output.summary}\n\n[Cycle time and DORA for ${repo.owner}/${repo.name}](${url})` } };
}
