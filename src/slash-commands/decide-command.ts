import type { CheckKey, Override } from "../model/checks.js";
import type { Command } from "./parse-command.js";

/** What to do about a `/shipshape` comment. */
export type CommandAction =
  | { kind: "skip"; override: Override }
  /** Drop the stored skip of `check`; `user` undid it. */
  | { kind: "unskip"; check: CheckKey; user: string }
  | { kind: "refresh" }
  /** `refusal`: the commenter may not do that; `correction`: the command is malformed. */
  | { kind: "reply"; reason: "refusal" | "correction"; body: string };

/**
 * ADR 0011: a writer may skip a check or refresh all; the PR's author may also refresh (an edit
 * of the PR would re-run the checks anyway); anyone else gets one short reply saying who may.
 * Pure: `canWrite` is what GitHub said about the commenter.
 */
export function decideCommand(params: {
  command: Command;
  commenter: string;
  prAuthor: string;
  canWrite: boolean;
  repoFullName: string;
  /** When the comment was created (ISO-8601): the override's time. */
  at: string;
}): CommandAction {
  const { command, commenter, prAuthor, canWrite, repoFullName, at } = params;
  if (command.kind === "invalid") return { kind: "reply", reason: "correction", body: `@${commenter} ${command.problem}` };
  if (command.kind === "refresh") {
    if (canWrite || commenter.toLowerCase() === prAuthor.toLowerCase()) return { kind: "refresh" };
    return { kind: "reply", reason: "refusal", body: `@${commenter} only the PR's author and people with write access to ${repoFullName} can use \`/shipshape refresh\`.` };
  }
  if (command.kind === "unskip") {
    if (canWrite) return { kind: "unskip", check: command.check, user: commenter };
    return {
      kind: "reply",
      reason: "refusal",
      body: `@${commenter} only people with write access to ${repoFullName} can undo a skip. Ask a maintainer to comment \`/shipshape unskip ${command.check}\` if the check should apply again.`,
    };
  }
  if (!canWrite) {
    return {
      kind: "reply",
      reason: "refusal",
      body: `@${commenter} only people with write access to ${repoFullName} can skip a check. Ask a maintainer to comment \`/shipshape skip ${command.check} <reason>\` if it should not apply here.`,
    };
  }
  return { kind: "skip", override: { check: command.check, user: commenter, reason: command.reason, at } };
}
