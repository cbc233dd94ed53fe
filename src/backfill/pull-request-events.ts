import type { MergedPullRequest } from "../github/list-merged-pull-requests.js";
import { reviewState, type PullRequestEvent } from "../model/pull-request-event.js";

/**
 * What a merged PR fetched by the backfill tells the recorders: the same events the webhooks
 * would have brought (a snapshot, each submitted review, the first commit), so both paths fold
 * into one record and a PR seen by both is never counted twice.
 * `commitDates`: every commit's author date when the page held only the first 100.
 */
export function pullRequestEvents(params: { repoId: number; pr: MergedPullRequest; commitDates?: Array<string | null> }): PullRequestEvent[] {
  const { repoId, pr } = params;
  const number = pr.number;
  const author = pr.author?.login ?? "ghost";
  const events: PullRequestEvent[] = [
    {
      kind: "snapshot",
      repoId,
      number,
      asOf: Date.parse(pr.updatedAt),
      author,
      authorIsBot: pr.author?.isBot ?? false,
      title: pr.title,
      draft: false,
      headSha: pr.headSha,
      baseRef: pr.baseRef,
      openedAt: Date.parse(pr.createdAt),
      readyAt: readyAt(pr),
      mergedAt: Date.parse(pr.mergedAt),
      closedAt: pr.closedAt === null ? Date.parse(pr.mergedAt) : Date.parse(pr.closedAt),
      mergeCommitSha: pr.mergeCommitSha,
      additions: pr.additions,
      deletions: pr.deletions,
      changedFiles: pr.changedFiles,
    },
  ];
  for (const review of pr.reviews) {
    // A pending review has no submission time and was never shown to the author.
    if (review.submittedAt === null || review.login === null || review.state === "PENDING") continue;
    events.push({
      kind: "review",
      repoId,
      number,
      at: Date.parse(review.submittedAt),
      reviewer: review.login,
      reviewerIsBot: review.isBot,
      author,
      approved: review.state === "APPROVED",
      state: reviewState(review.state),
    });
  }
  events.push({ kind: "first_commit", repoId, number, at: earliestDate(params.commitDates ?? pr.commitDates) });
  return events;
}

/** Opened as a draft when its first draft event is a ready_for_review: then that is when it became ready. */
function readyAt(pr: MergedPullRequest): number {
  if (pr.firstDraftEvent?.type === "ready_for_review") return Date.parse(pr.firstDraftEvent.at);
  return Date.parse(pr.createdAt);
}

function earliestDate(dates: Array<string | null>): number | null {
  let earliest: number | null = null;
  for (const date of dates) {
    if (date === null) continue;
    const at = Date.parse(date);
    if (Number.isFinite(at) && (earliest === null || at < earliest)) earliest = at;
  }
  return earliest;
}

/** True when the page's nested list stopped short: the rest must come from the REST list (250 cap). */
export function needsAllCommits(pr: MergedPullRequest): boolean {
  return pr.commitCount > pr.commitDates.length;
}
