import { DEFINITIONS as METRIC_DEFINITIONS } from "../metrics/definitions.js";
import { escapeHtml } from "./escape-html.js";

/** What each figure on the dashboard means (ADR 0040), shown one click away under each chart. */
export const DEFINITIONS = {
  cycle: [
    ["Cycle time", METRIC_DEFINITIONS.cycle],
    ["Coding", METRIC_DEFINITIONS.coding],
    ["Pickup", METRIC_DEFINITIONS.pickup],
    ["Review", METRIC_DEFINITIONS.review],
    ["Deploy", METRIC_DEFINITIONS.deploy],
    ["Which PRs", METRIC_DEFINITIONS.scope],
    ["Bars", "Each bar stacks the median of each phase over the PRs merged that week, so its height approximates, not equals, the median cycle time."],
  ],
  dora: [
    ["Deployment frequency", METRIC_DEFINITIONS.deployment_frequency],
    ["Lead time for changes", METRIC_DEFINITIONS.lead_time],
    ["Change failure rate", METRIC_DEFINITIONS.change_failure_rate],
    ["Time to restore (incidents)", METRIC_DEFINITIONS.time_to_restore],
    ["Failed deployment recovery time", METRIC_DEFINITIONS.failed_deployment_recovery_time],
    ["Bands", "DORA performance bands (elite, high, medium, low) from the State of DevOps report. The arrow compares with the window of the same length just before."],
  ],
  size: [["Size", "Lines added plus lines removed of each PR merged in the range. XS < 10, S < 100, M < 400, L < 1,000, XL 1,000 or more."]],
  waiting: [
    ["Waiting for review", "Open, ready-for-review PRs with no review or review comment yet from a human other than the author, oldest first; waiting since ready for review."],
    ["Active, stale", "Only PRs updated on GitHub within the last SHIPSHAPE_REVIEW_ACTIVE_DAYS days (30 unless the operator set it) are listed; older ones are counted as stale, so abandoned PRs do not crowd out live ones."],
  ],
  overview: [
    ["Order", "Repositories that need attention come first: a failed backfill, DORA keys in the low (then medium) band, cycle time 10% or more worse than the window before, PRs waiting for review. The reasons column says which."],
    ["Cycle time", METRIC_DEFINITIONS.cycle],
    ["12 weeks", "Median cycle time of the PRs merged in each of the last 12 weeks up to the end of the range; a gap is a week without merged PRs."],
    ["DORA keys", "Deployment frequency, lead time for changes, change failure rate and time to restore over the range, coloured by their DORA band."],
    ["Waiting for review", "Open, ready PRs with no human review yet and active within the cut-off; stale ones are counted beside them."],
  ],
  pulls: [
    ["Which PRs", "PRs by humans merged in the range. Phases as the cycle-time chart defines them; a dash is a phase the PR did not have (no review, no deployment tracked)."],
    ["Hygiene", "passed: the check's last outcome was success; failed: failure or neutral (advisory); skipped: exempted with /shipshape skip; none: never judged."],
    ["Size", "Lines added plus lines removed: XS < 10, S < 100, M < 400, L < 1,000, XL 1,000 or more."],
  ],
  hygiene: [
    ["Passing share", "Of the merged PRs that a check judged, the share whose last outcome was success; skipped (exempt) and unjudged PRs are left out."],
    ["Hygiene x flow", "Median cycle time of the PRs that passed a check beside those that failed it: do PRs without a ticket wait longer?"],
  ],
} satisfies Record<string, readonly (readonly [string, string])[]>;

export function definitionsHtml(section: keyof typeof DEFINITIONS): string {
  const items = DEFINITIONS[section].map(([term, text]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(text)}</dd>`).join("");
  return `<details><summary>Definitions</summary><dl>${items}</dl></details>`;
}
