import { isBot } from "./definitions.js";
import type { PullRequestSnapshotEvent } from "../model/pull-request-event.js";

/** The fields of a webhook's `pull_request` object the metrics read. */
export interface PullRequestPayload {
  number: number;
  title: string;
  draft?: boolean;
  user: { login: string; type?: string } | null;
  head: { sha: string };
  base: { ref: string };
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  merge_commit_sha: string | null;
  additions?: number;
  deletions?: number;
  changed_files?: number;
}

/**
 * A snapshot event from a `pull_request` webhook. Ready for review: the creation time when opened
 * non-draft, the event time of `ready_for_review`, else (not a draft) the snapshot time as an
 * upper bound that an earlier candidate replaces.
 */
export function snapshotFromPayload(action: string, pr: PullRequestPayload, repoId: number): PullRequestSnapshotEvent {
  const draft = pr.draft ?? false;
  const createdAt = Date.parse(pr.created_at);
  const updatedAt = Date.parse(pr.updated_at);
  let readyAt: number | null = null;
  if (!draft) readyAt = action === "opened" ? createdAt : updatedAt;
  const user = pr.user ?? { login: "ghost" };
  return {
    kind: "snapshot",
    repoId,
    number: pr.number,
    asOf: updatedAt,
    author: user.login,
    authorIsBot: isBot(user),
    title: pr.title,
    draft,
    headSha: pr.head.sha,
    baseRef: pr.base.ref,
    openedAt: createdAt,
    readyAt,
    mergedAt: pr.merged_at ? Date.parse(pr.merged_at) : null,
    closedAt: pr.closed_at ? Date.parse(pr.closed_at) : null,
    mergeCommitSha: pr.merged_at ? pr.merge_commit_sha : null,
    ...(pr.additions === undefined ? {} : { additions: pr.additions }),
    ...(pr.deletions === undefined ? {} : { deletions: pr.deletions }),
    ...(pr.changed_files === undefined ? {} : { changedFiles: pr.changed_files }),
  };
}
