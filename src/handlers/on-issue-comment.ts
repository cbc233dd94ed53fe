import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { checks } from "../checks/index.js";
import { pullRequestFacts } from "../checks/pull-request-facts.js";
import { decideCommand } from "../commands/decide-command.js";
import { parseCommand, type Command } from "../commands/parse-command.js";
import { createIssueComment } from "../github/create-issue-comment.js";
import { canWrite, getCollaboratorPermission, type Permission } from "../github/get-collaborator-permission.js";
import { getPullRequest } from "../github/get-pull-request.js";
import { TtlCache } from "../github/ttl-cache.js";
import { evaluatePullRequest } from "../pipeline/evaluate-pull-request.js";
import { saveOverride } from "../store/overrides.js";

/** A permission change (someone granted write) shows up within this. */
export const PERMISSION_CACHE_TTL_MS = 60_000;

type CommentContext = Context<"issue_comment.created">;

/**
 * `/shipshape skip <check> <reason>` and `/shipshape refresh` on pull requests (SPEC §3.4).
 * Gather (command, commenter's permission), decide (`decideCommand`), act (store the override
 * and re-run the pipeline, or reply once). Bots, Shipshape itself included, are never obeyed.
 */
export function onIssueComment(deps: AppDeps) {
  const permissions = new TtlCache<Permission>({ ttlMs: PERMISSION_CACHE_TTL_MS, maxEntries: 10_000, now: () => deps.now().getTime() });

  return async (context: CommentContext): Promise<void> => {
    const { payload } = context;
    const commenter = payload.comment.user;
    if (!payload.issue.pull_request || !commenter || isBot(commenter)) return;
    const command = parseCommand(payload.comment.body ?? "");
    if (!command) return;

    const owner = payload.repository.owner.login;
    const repo = payload.repository.name;
    const prAuthor = payload.issue.user?.login ?? "";
    const writer = needsPermission(command, commenter.login, prAuthor)
      ? canWrite(
          await permissions.getOrLoad(`${payload.installation?.id ?? "-"}:${owner}/${repo}:${commenter.login}`.toLowerCase(), () =>
            getCollaboratorPermission({ octokit: context.octokit, owner, repo, username: commenter.login }),
          ),
        )
      : false;
    const action = decideCommand({ command, commenter: commenter.login, prAuthor, canWrite: writer, repoFullName: `${owner}/${repo}`, at: payload.comment.created_at });

    if (action.kind === "reply") {
      await createIssueComment({ octokit: context.octokit, owner, repo, number: payload.issue.number, body: action.body });
      return;
    }
    if (action.kind === "skip") {
      await saveOverride(deps.db, { repoId: payload.repository.id, prNumber: payload.issue.number, override: action.override });
    }
    await reevaluate(deps, context, action.kind === "refresh");
  };
}

async function reevaluate(deps: AppDeps, context: CommentContext, refresh: boolean): Promise<void> {
  const { payload } = context;
  const pull = await getPullRequest({ octokit: context.octokit, owner: payload.repository.owner.login, repo: payload.repository.name, number: payload.issue.number });
  if (!pull) return;
  await evaluatePullRequest({
    deps,
    octokit: context.octokit,
    pr: pullRequestFacts(pull, payload.repository),
    trigger: refresh ? "refresh" : "issue_comment.created",
    checks,
    fresh: refresh,
  });
}

/** Invalid commands get their correction and the PR's author may refresh, without asking GitHub. */
function needsPermission(command: Command, commenter: string, prAuthor: string): boolean {
  if (command.kind === "invalid") return false;
  return !(command.kind === "refresh" && commenter.toLowerCase() === prAuthor.toLowerCase());
}

function isBot(user: { login: string; type?: string }): boolean {
  return user.type === "Bot" || user.login.endsWith("[bot]");
}
