import { CHECK_KEYS, CHECK_NAMES, type CheckKey } from "../model/checks.js";
import type { HygieneOutcome } from "../model/pull-request-record.js";

/**
 * A PR's outcome of every check, from Shipshape's own check runs on its head SHA: the run's
 * conclusion once completed, `pending` before, null without a run; an override
 * (`/shipshape skip`) counts as `skipped`.
 */
export function hygieneOutcomes(inputs: { runs: readonly { name: string; status: string; conclusion: string | null }[]; overridden: readonly string[] }): Record<CheckKey, HygieneOutcome> {
  const outcome = (check: CheckKey): HygieneOutcome => {
    if (inputs.overridden.includes(check)) return "skipped";
    const run = inputs.runs.find((r) => r.name === CHECK_NAMES[check]);
    if (!run) return null;
    return run.status === "completed" ? ((run.conclusion ?? null) as HygieneOutcome) : "pending";
  };
  return Object.fromEntries(CHECK_KEYS.map((check) => [check, outcome(check)])) as Record<CheckKey, HygieneOutcome>;
}
