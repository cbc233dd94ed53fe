/**
 * The registry of policies Shipshape checks, keyed by name: each is reported as its own check
 * run, and every name users see (check-run names, `group_by` values, query enums, CSV columns,
 * dashboard series, stored outcome rows) is derived from here. Adding a check starts with one
 * entry (docs/design.md says what else).
 */
export const CHECKS = {
  ticket: { name: "shipshape/ticket", label: "Ticket" },
  adr: { name: "shipshape/adr", label: "ADR" },
  coverage: { name: "shipshape/coverage", label: "Coverage" },
} as const;

/** The key of a policy: `ticket`, `adr`, `coverage`. */
export type CheckKey = keyof typeof CHECKS;

export const CHECK_KEYS = Object.keys(CHECKS) as CheckKey[];

/** The check run that reports a broken `.github/shipshape.yml`; not a policy of its own. */
export const CONFIG_CHECK_NAME = "shipshape/config";

/** Check-run names users mark as required in branch protection: never rename them. */
export const CHECK_NAMES = {
  ...(Object.fromEntries(CHECK_KEYS.map((key) => [key, CHECKS[key].name])) as { [K in CheckKey]: (typeof CHECKS)[K]["name"] }),
  config: CONFIG_CHECK_NAME,
} as const;

export type CheckName = (typeof CHECK_NAMES)[keyof typeof CHECK_NAMES];

export type Mode = "required" | "advisory";

/** A check-run annotation, in GitHub's shape. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
}

/** The texts every result carries: a title that says what to do, a summary that says why. */
export interface ResultText {
  title: string;
  summary: string;
  /** Longer details (tables, lists) shown below the summary. */
  text?: string;
  annotations?: Annotation[];
}

/**
 * What a rule decided, as data. Rendering to a check run is a separate pure step.
 * - `pass`: the policy holds.
 * - `fail`: it does not hold; the conclusion depends on the mode.
 * - `exempt`: an exemption or an override applies (concludes `skipped`).
 * - `neutral`: the rule could not judge (e.g. no coverage report); never blocks.
 * - `pending`: still waiting for input (e.g. more workflow runs); `in_progress`.
 * - `silent`: nothing to post (yet).
 */
export type RuleResult =
  | ({ outcome: "pass" } & ResultText)
  | ({ outcome: "fail" } & ResultText)
  | ({ outcome: "exempt" } & ResultText)
  | ({ outcome: "neutral" } & ResultText)
  | ({ outcome: "pending" } & ResultText)
  | { outcome: "silent" };

export type Conclusion = "success" | "failure" | "neutral" | "skipped";

/** A check run as Shipshape wants it to be on GitHub. */
export interface CheckRunState {
  name: CheckName;
  status: "in_progress" | "completed";
  conclusion?: Conclusion;
  output: ResultText;
}

/** An override from `/shipshape skip <check> <reason>`. */
export interface Override {
  check: CheckKey;
  user: string;
  reason: string;
  /** ISO-8601 time the comment was created. */
  at: string;
}
