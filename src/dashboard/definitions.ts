import { escapeHtml } from "./format.js";

/** What each figure on the dashboard means (SPEC §4), shown one click away under each chart. */
export const DEFINITIONS = {
  cycle: [
    ["Cycle time", "First commit to first successful production deployment containing the merge; to merge where the repo has no production deployments. Medians of merged PRs, bots' PRs left out."],
    ["Coding", "First commit (earliest author date of the PR's commits) to PR opened."],
    ["Pickup", "Ready for review (opened as non-draft, or first ready_for_review) to the first review or review comment by a human other than the author."],
    ["Review", "First review to merge."],
    ["Deploy", "Merge to the first successful deployment to a production environment that contains the merge commit. PRs merged before the first deployment Shipshape saw are left out."],
    ["Week", "The UTC week (Monday to Sunday) the PR was merged in. Each bar stacks the median of each phase, so its height approximates, not equals, the median cycle time."],
  ],
  dora: [
    ["Deployment frequency", "Successful production deployments per day (per week when fewer than one a day)."],
    ["Lead time for changes", "Median of first commit to deployed, over PRs deployed in the range."],
    ["Change failure rate", "Production deployments whose status was failure or error, or that were followed by an incident before the next successful one, over all production deployments."],
    ["Time to restore", "Median of incident issue opened to closed (issues with a metrics.incident_labels label)."],
    ["Bands", "DORA performance bands: elite, high, medium, low. The arrow compares with the window of the same length just before."],
  ],
  size: [["Size", "Lines added plus lines removed of each PR merged in the range. XS < 10, S < 100, M < 400, L < 1,000, XL 1,000 or more."]],
  waiting: [["Waiting for review", "Open, ready-for-review PRs with no review or review comment yet from a human other than the author, oldest first; waiting since ready for review."]],
  hygiene: [
    ["Passing share", "Of the merged PRs that a check judged, the share whose last outcome was success; skipped (exempt) and unjudged PRs are left out."],
    ["Hygiene x flow", "Median cycle time of the PRs that passed a check beside those that failed it: do PRs without a ticket wait longer?"],
  ],
} as const satisfies Record<string, readonly (readonly [string, string])[]>;

export function definitionsHtml(section: keyof typeof DEFINITIONS): string {
  const items = DEFINITIONS[section].map(([term, text]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(text)}</dd>`).join("");
  return `<details><summary>Definitions</summary><dl>${items}</dl></details>`;
}
