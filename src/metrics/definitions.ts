/**
 * The delivery-metric definitions of ADR 0040, written once: the recorders, the queries, the API
 * help and the CLI help all use these functions and texts.
 */

/** Every phase of a merged PR that Shipshape measures: the four stages in the order they happen, then `cycle`, which spans them. */
export const PHASES = ["coding", "pickup", "review", "deploy", "cycle"] as const;
export type Phase = (typeof PHASES)[number];

/** A phase that follows the one before it within the cycle: every phase but `cycle`. */
export type StagePhase = Exclude<Phase, "cycle">;
/** The stage phases in order, derived from `PHASES` so the dashboard's bars and the digest's lines cannot drift from it. */
export const STAGE_PHASES: readonly StagePhase[] = PHASES.filter((phase): phase is StagePhase => phase !== "cycle");

/** The texts of the definitions, shown in `GET /api/v1/definitions`, API answers and `shipshape report --help`. */
export const DEFINITIONS: Record<
  | Phase
  | "lead_time"
  | "deployment_frequency"
  | "change_failure_rate"
  | "time_to_restore"
  | "failed_deployment_recovery_time"
  | "scope"
  | "rework"
  | "review_cycles"
  | "merged_without_review"
  | "review_load"
  | "size"
  | "team"
  | "working_hours",
  string
> = {
  coding: "Coding time: first commit (earliest author date of the PR's commits) -> PR opened.",
  pickup:
    "Pickup time: ready for review (opened non-draft, or the first ready_for_review) -> first review or review comment by a human other than the author (bots do not count).",
  review: "Review time: that first human review -> merged.",
  deploy:
    "Deploy time: merged -> first successful deployment to a production environment containing the merge commit. PRs merged before the first production deployment Shipshape saw are left out.",
  cycle: "Cycle time: first commit -> deployed; -> merged where the repo had no production deployment yet.",
  lead_time: "Lead time for changes: median of first commit -> deployed, over PRs deployed in the window.",
  deployment_frequency:
    "Deployment frequency: successful production deployments in the window, per day and per week; the band reads days with a deployment (the median week's deploy days: elite on 5 or more, i.e. every working day).",
  change_failure_rate:
    "Change failure rate: production deployments whose status was failure/error, that were followed by an incident before the next successful one, or that shipped a change a merged revert PR undid, over all that finished (metrics.incidents selects which count).",
  time_to_restore:
    "Time to restore (incidents): median of incident issue opened -> closed, and of a reverted change deployed -> its revert deployed, over those opened in the window.",
  failed_deployment_recovery_time:
    "Failed deployment recovery time: median of a failed production deployment -> the repo's next successful one (a run of failures timed from its first), over failures in the window.",
  scope: "Merged PRs, bucketed by merge time (UTC, weeks start on Monday); PRs by bots are excluded unless include_bots=true.",
  rework: "Rework time: first review by a human other than the author -> the last approval before the merge, over merged PRs with an approval.",
  review_cycles: "Review cycles: reviews requesting changes that were followed by another review before the merge (each one round of rework).",
  merged_without_review: "Merged without review: merged PRs with no review or review comment by a human other than the author before the merge.",
  review_load: "Review load: per reviewer, the reviews submitted in the window on other people's PRs, and how many PRs they were on (bots left out).",
  size: "Size: lines added plus lines removed. XS < 10, S < 100, M < 400, L < 1,000, XL 1,000 or more.",
  team: "Team: a PR belongs to every team its author is a member of and every team owning its repository (metrics.teams, or GitHub teams); in no team, it is grouped as none.",
  working_hours:
    "Working hours (hours=working): pickup and review count only the repository's metrics.working_hours (time zone, days, hours; default Monday-Friday 09:00-17:00 UTC); nights and weekends are left out. Calendar time stays the default.",
};

/** The times of one PR that the phases read (epoch ms). */
export interface PhaseInput {
  firstCommitAt: number | null;
  openedAt: number | null;
  readyAt: number | null;
  firstReviewAt: number | null;
  mergedAt: number | null;
  deployedAt: number | null;
}

/**
 * `productionSince`: when the repo's first successful production deployment was created, or
 * null when it has none. PRs merged before it are left out of deploy time and their cycle ends
 * at merge. With `working` (a working-hours span, `hours=working`), pickup and review count only
 * working time; the other phases and the cycle stay calendar time.
 */
export function phaseDurations(pr: PhaseInput, productionSince: number | null, working?: (from: number, to: number) => number): Record<Phase, number | null> {
  const { firstCommitAt, openedAt, mergedAt } = pr;
  if (mergedAt === null) return { coding: null, pickup: null, review: null, deploy: null, cycle: null };
  const ready = pr.readyAt ?? openedAt;
  // A review after the merge is a post-merge look, not a pickup.
  const review = pr.firstReviewAt !== null && pr.firstReviewAt <= mergedAt ? pr.firstReviewAt : null;
  const tracksDeploys = productionSince !== null && mergedAt >= productionSince;
  // A rebase can date every commit after the PR opened: the cycle then starts at opening.
  const start = firstCommitAt === null || openedAt === null ? (firstCommitAt ?? openedAt) : Math.min(firstCommitAt, openedAt);
  const end = tracksDeploys ? pr.deployedAt : mergedAt;
  return {
    coding: span(firstCommitAt, openedAt),
    pickup: working ? workingSpan(ready, review, working) : span(ready, review),
    review: working ? workingSpan(review, mergedAt, working) : span(review, mergedAt),
    deploy: tracksDeploys ? span(mergedAt, pr.deployedAt) : null,
    cycle: span(start, end),
  };
}

/** Milliseconds from `from` to `to`; never negative (a rebase can date commits after the PR opened). */
function span(from: number | null, to: number | null): number | null {
  if (from === null || to === null) return null;
  return Math.max(0, to - from);
}

function workingSpan(from: number | null, to: number | null, working: (from: number, to: number) => number): number | null {
  return from === null || to === null ? null : working(from, to);
}

/** GitHub marks app accounts with type "Bot" and a `[bot]` suffix; either is enough. */
export function isBot(user: { login: string; type?: string | null }): boolean {
  return user.type === "Bot" || user.login.endsWith("[bot]");
}

/** A review or review comment starts the review phase when a human other than the author wrote it. */
export function isPickupReview(params: { author: string; reviewer: string; reviewerIsBot: boolean }): boolean {
  return !params.reviewerIsBot && params.reviewer.toLowerCase() !== params.author.toLowerCase();
}

/** Lead time for changes of one deployed PR: first commit (or opening, if earlier) -> deployed. */
export function leadTime(pr: Pick<PhaseInput, "firstCommitAt" | "openedAt" | "deployedAt">): number | null {
  const starts = [pr.firstCommitAt, pr.openedAt].filter((t): t is number => t !== null);
  if (pr.deployedAt === null || starts.length === 0) return null;
  return Math.max(0, pr.deployedAt - Math.min(...starts));
}
