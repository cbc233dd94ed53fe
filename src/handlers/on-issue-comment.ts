import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { checks } from "../checks/index.js";
import { pullRequestFacts } from "../model/pull-request-facts.js";
import { decideCommand, type CommandAction } from "../slash-commands/decide-command.js";
import { parseCommand, type Command } from "../slash-commands/parse-command.js";
import { createIssueComment } from "../github/create-issue-comment.js";
import { getCollaboratorPermission } from "../github/get-collaborator-permission.js";
import { canWrite } from "../model/permission.js";
import { getPullRequest } from "../github/get-pull-request.js";
import { evaluatePullRequest } from "../pipeline/evaluate-pull-request.js";
import { claimCommandReply, releaseCommandReplies } from "../store/command-replies.js";
import { deleteOverride, saveOverride } from "../store/overrides.js";
import { createReaction } from "../github/create-reaction.js";

/** A commenter gets at most one refusal and one correction per PR in each such window (a clock hour). */
export const REPLY_WINDOW_MS = 60 * 60_000;

type CommentContext = Context<"issue_comment.created">;

/**
 * `/shipshape skip <check> <reason>`, `/shipshape unskip <check>` and `/shipshape refresh` on pull
 * requests (ADR 0011). Gather (command, commenter's permission), decide (`decideCommand`), act
 * (store or drop the override, re-run the pipeline, then react 👍 to the comment; or reply once).
 * Bots, Shipshape itself included, are never obeyed.
 */
export function onIssueComment(deps: AppDeps) {
  const permissions = deps.caches.permissions;

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
      await replyOnce(deps, context, action);
      return;
    }
    if (action.kind === "skip") {
      await saveOverride(deps.db, { repoId: payload.repository.id, prNumber: payload.issue.number, override: action.override });
    }
    if (action.kind === "unskip") {
      // Nothing to undo is still a success: the check applies, which is what was asked.
      await deleteOverride(deps.db, { repoId: payload.repository.id, prNumber: payload.issue.number, check: action.check });
    }
    if (!(await reevaluate(deps, context, action.kind === "refresh"))) return;
    // After the checks and the comment are updated, so the 👍 means "done", not "received".
    await createReaction({ octokit: context.octokit, owner, repo, commentId: payload.comment.id });
  };
}

/** Re-runs the checks; false when GitHub no longer has the PR. */
async function reevaluate(deps: AppDeps, context: CommentContext, refresh: boolean): Promise<boolean> {
  const { payload } = context;
  const pull = await getPullRequest({ octokit: context.octokit, owner: payload.repository.owner.login, repo: payload.repository.name, number: payload.issue.number });
  if (!pull) return false;
  await evaluatePullRequest({
    deps,
    octokit: context.octokit,
    pr: pullRequestFacts(pull, payload.repository),
    trigger: refresh ? "refresh" : "issue_comment.created",
    checks,
    fresh: refresh,
  });
  return true;
}

/**
 * Posts a reply unless this comment already got one (a redelivery, maybe under a new delivery
 * id, which GitHub does not sign) or the commenter already got a reply of this kind on this PR
 * within the clock hour. Claims are stored before posting and given back when posting fails.
 */
async function replyOnce(deps: AppDeps, context: CommentContext, action: Extract<CommandAction, { kind: "reply" }>): Promise<void> {
  const { payload } = context;
  const now = deps.now().getTime();
  const repoId = payload.repository.id;
  const commentKey = `comment:${repoId}:${payload.comment.id}`;
  if (!(await claimCommandReply(deps.db, { key: commentKey, now }))) return;
  const hour = Math.floor(now / REPLY_WINDOW_MS);
  const slotKey = `${action.reason}:${repoId}:${payload.issue.number}:${payload.comment.user?.login.toLowerCase() ?? "-"}:${hour}`;
  if (!(await claimCommandReply(deps.db, { key: slotKey, now }))) return;
  try {
    await createIssueComment({ octokit: context.octokit, owner: payload.repository.owner.login, repo: payload.repository.name, number: payload.issue.number, body: action.body });
  } catch (error) {
    await releaseCommandReplies(deps.db, [commentKey, slotKey]);
    throw error;
  }
}

/** Invalid commands get their correction and the PR's author may refresh, without asking GitHub. */
function needsPermission(command: Command, commenter: string, prAuthor: string): boolean {
  if (command.kind === "invalid") return false;
  if (command.kind === "unskip") return true;
  return !(command.kind === "refresh" && commenter.toLowerCase() === prAuthor.toLowerCase());
}

function isBot(user: { login: string; type?: string }): boolean {
  return user.type === "Bot" || user.login.endsWith("[bot]");
}
