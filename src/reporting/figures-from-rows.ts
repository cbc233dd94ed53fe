import { percentile } from "../metrics/percentile.js";
import { PR_SIZES, prSize } from "../metrics/pr-size.js";
import { STAGE_PHASES, type Phase, type StagePhase } from "../metrics/definitions.js";
import { HYGIENE_CHECKS, type HygieneFigure, type PhaseWeek, type SizeBucket } from "./figures.js";

/** What the dashboard reads of one merged PR (milliseconds). */
export interface MergedPullRequest {
  repo: string;
  number: number;
  /** Its page, from the repository's stored `html_url`; null or absent when none was stored. */
  url?: string | null;
  author: string | null;
  title: string | null;
  mergedAt: number;
  /** Merged in a repository that deploys to production (since its first deployment), not deployed yet. */
  awaitingDeployment: boolean;
  phases: Record<Phase, number | null>;
  additions: number | null;
  deletions: number | null;
  hygiene: Record<(typeof HYGIENE_CHECKS)[number], string | null>;
}

/** Medians of every phase and of the cycle over `prs`, labelled with `week`. */
export function medians(prs: readonly MergedPullRequest[], week: string): PhaseWeek {
  const phases = Object.fromEntries(STAGE_PHASES.map((p) => [p, median(prs.map((pr) => pr.phases[p]))])) as Record<StagePhase, number | null>;
  return { week, count: prs.length, phases, cycle: median(prs.map((pr) => pr.phases.cycle)) };
}

const MISSED_SHOWN = 5;

/** The size labels, smallest first: XS, S, M, L, XL. */
export const SIZE_LABELS: readonly string[] = PR_SIZES.map(({ label }) => label);

/** Lines added + removed of a PR; null when neither is known. */
export function linesChanged(pr: Pick<MergedPullRequest, "additions" | "deletions">): number | null {
  return pr.additions === null && pr.deletions === null ? null : (pr.additions ?? 0) + (pr.deletions ?? 0);
}

/** The size bucket of a number of lines changed, null for unknown. */
export function sizeLabel(lines: number | null): string | null {
  return lines === null ? null : prSize(lines, 0);
}

/** PRs per size bucket of lines added + removed (the API's `group_by=size` classes); PRs of unknown size are left out. */
export function sizeBuckets(prs: readonly MergedPullRequest[]): SizeBucket[] {
  const buckets: SizeBucket[] = PR_SIZES.map(({ label, min, max }) => ({ label, min, max, count: 0 }));
  for (const pr of prs) {
    const size = prSize(pr.additions, pr.deletions);
    const bucket = buckets.find((b) => b.label === size);
    if (bucket) bucket.count++;
  }
  return buckets;
}

/**
 * Per check: PRs that passed (success) or failed it (failure, or neutral in advisory mode), and
 * their median cycle times. Skipped (exempt), pending and unjudged PRs count in neither.
 */
export function hygieneFigures(prs: readonly MergedPullRequest[]): HygieneFigure[] {
  return HYGIENE_CHECKS.map((check) => {
    const passed = prs.filter((pr) => pr.hygiene[check] === "success");
    const failed = prs.filter((pr) => pr.hygiene[check] === "failure" || pr.hygiene[check] === "neutral");
    return {
      check,
      passed: passed.length,
      failed: failed.length,
      passedCycleMedian: median(passed.map((pr) => pr.phases.cycle)),
      failedCycleMedian: median(failed.map((pr) => pr.phases.cycle)),
      missed: [...failed].sort((a, b) => b.mergedAt - a.mergedAt).slice(0, MISSED_SHOWN).map((pr) => ({ repo: pr.repo, number: pr.number, url: pr.url ?? null })),
    };
  });
}

/** Median of the known values, interpolated as the API's reports do; null for none. */
export function median(values: readonly (number | null)[]): number | null {
  return percentile(values.filter((v): v is number => v !== null).sort((a, b) => a - b), 0.5);
}
