import type { AppDeps } from "../app-deps.js";
import type { PullRequestFacts } from "../model/pull-request-facts.js";
import { toCheckRun } from "../checks/to-check-run.js";
import { CHECK_NAMES } from "../model/checks.js";
import { configCheckResult } from "../config/config-check-result.js";
import { tooLarge } from "../config/too-large.js";
import { CONFIG_PATH } from "../config/config-path.js";
import { parseConfigText, type ConfigProblem, type ConfigResult } from "../config/parse-config.js";
import { getFileText } from "../github/get-file-text.js";
import type { GitHub } from "../github/octokit.js";
import type { PullRequestData } from "../gather/pull-request-data.js";
import { upsertCheckRun } from "../act/upsert-check-run.js";
import { getCheckRun } from "../store/check-runs.js";

/** Events after which the PR's diff may differ from what was last judged. */
const DIFF_TRIGGERS = new Set([
  "pull_request.opened",
  "pull_request.reopened",
  "pull_request.synchronize",
  "check_run.rerequested",
  "check_suite.rerequested",
  "refresh",
]);

/**
 * Posts `shipshape/config` when there is something to say: the default branch's file is broken
 * (and blocks the other checks), or the PR changes the file (judged before it is merged), or an
 * earlier failure on this SHA has been fixed.
 */
export async function postConfigChecks(params: {
  deps: AppDeps;
  octokit: GitHub;
  pr: PullRequestFacts;
  config: ConfigResult;
  data: PullRequestData;
  trigger: string;
  now: Date;
}): Promise<{ defaultBranchOk: boolean }> {
  const { deps, octokit, pr, config, data, trigger, now } = params;
  const repo = { id: pr.repo.id, owner: pr.repo.owner, name: pr.repo.name };
  const post = async (result: ReturnType<typeof configCheckResult>) => {
    const state = toCheckRun({ name: CHECK_NAMES.config, result, mode: "required" });
    if (state) await upsertCheckRun({ octokit, db: deps.db, repo, headSha: pr.headSha, state, now });
  };

  if (DIFF_TRIGGERS.has(trigger)) {
    const files = await data.files();
    const changed = files.find((file) => file.filename === CONFIG_PATH);
    if (changed) {
      if (changed.status === "removed") {
        await post({
          outcome: "pass",
          title: `This PR deletes ${CONFIG_PATH}`,
          summary: "Once merged, the organisation's `.github` repository's file applies, or Shipshape's defaults.",
        });
      } else {
        // Sized before it is read: a huge file is refused, never decoded or parsed.
        const file = await getFileText({ octokit, owner: repo.owner, repo: repo.name, path: CONFIG_PATH, ref: pr.headSha });
        const problems: ConfigProblem[] =
          file.kind === "too-large"
            ? [{ file: CONFIG_PATH, path: "", line: 1, message: tooLarge(file) }]
            : problemsOf(parseConfigText(file.kind === "file" ? file.text : "", CONFIG_PATH));
        await post(configCheckResult({ problems, source: "pull-request", file: CONFIG_PATH }));
      }
      return { defaultBranchOk: config.ok };
    }
  }
  if (!config.ok) {
    await post(configCheckResult({ problems: config.problems, source: "default-branch", file: CONFIG_PATH }));
    return { defaultBranchOk: false };
  }
  const earlier = await getCheckRun(deps.db, { repoId: repo.id, headSha: pr.headSha, name: CHECK_NAMES.config });
  if (earlier && earlier.conclusion !== "success") {
    await post(configCheckResult({ problems: [], source: "default-branch", file: CONFIG_PATH }));
  }
  return { defaultBranchOk: true };
}

function problemsOf(result: ConfigResult): ConfigProblem[] {
  return result.ok ? [] : result.problems;
}
