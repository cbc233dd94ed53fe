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
  waiting: [["Waiting for review", "Open, ready-for-review PRs with no review or review comment yet from a human other than the author, oldest first; waiting since ready for review."]],
  hygiene: [
    ["Passing share", "Of the merged PRs that a check judged, the share whose last outcome was success; skipped (exempt) and unjudged PRs are left out."],
    ["Hygiene x flow", "Median cycle time of the PRs that passed a check beside those that failed it: do PRs without a ticket wait longer?"],
  ],
} satisfies Record<string, readonly (readonly [string, string])[]>;

export function definitionsHtml(section: keyof typeof DEFINITIONS): string {
  const items = DEFINITIONS[section].map(([term, text]) => `<dt>${escapeHtml(term)}</dt><dd>${escapeHtml(text)}</dd>`).join("");
  return `<details><summary>Definitions</summary><dl>${items}</dl></details>`;
}
