import { createHash } from "node:crypto";
import { truncate, MAX_COMMENT_CHARS } from "../model/github-limits.js";
import type { Db } from "../store/db.js";
import { getStickyComment, saveStickyComment } from "../store/sticky-comments.js";
import { createIssueComment } from "../github/create-issue-comment.js";
import { findIssueComment } from "../github/find-issue-comment.js";
import type { GitHub } from "../github/octokit.js";
import { updateIssueComment } from "../github/update-issue-comment.js";

export type CommentOutcome = "created" | "updated" | "unchanged" | "absent";

/** The hidden line by which Shipshape finds its own comment again. */
export function commentMarker(feature: string): string {
  return `<!-- shipshape:${feature} -->`;
}

/**
 * Keeps exactly one Shipshape comment per (PR, feature): edits it in place, never posts a
 * second. With `create: false` it only edits an existing one. Serialised per key across
 * processes, so concurrent deliveries cannot both post.
 */
export async function upsertStickyComment(params: {
  octokit: GitHub;
  db: Db;
  repo: { id: number; owner: string; name: string };
  prNumber: number;
  feature: string;
  body: string;
  create: boolean;
  now: Date;
}): Promise<CommentOutcome> {
  const { octokit, db, repo, prNumber, feature, now } = params;
  const marker = commentMarker(feature);
  const body = truncate(`${marker}\n${params.body}`, MAX_COMMENT_CHARS);
  const hash = createHash("sha256").update(body).digest("hex");
  const key = { repoId: repo.id, prNumber, feature };
  return db.withLock(`comment:${repo.id}:${prNumber}:${feature}`, async () => {
    const stored = await getStickyComment(db, key);
    if (stored?.body_hash === hash) return "unchanged";
    if (!stored && !params.create) return "absent";

    let commentId = stored?.comment_id;
    if (commentId === undefined) {
      // The store may have been reset: look for our marker before posting a second comment.
      commentId = await findIssueComment({ octokit, owner: repo.owner, repo: repo.name, number: prNumber, matches: (comment) => comment.user?.type === "Bot" && (comment.body?.startsWith(marker) ?? false) });
    }
    const owner = repo.owner;
    let outcome: CommentOutcome;
    if (commentId === undefined) {
      commentId = await createIssueComment({ octokit, owner, repo: repo.name, number: prNumber, body });
      outcome = "created";
    } else {
      await updateIssueComment({ octokit, owner, repo: repo.name, commentId, body });
      outcome = "updated";
    }
    await saveStickyComment(db, { repo_id: repo.id, pr_number: prNumber, feature, comment_id: commentId, body_hash: hash, updated_at: now.getTime() });
    return outcome;
  });
}
