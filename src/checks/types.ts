/** The policies Shipshape checks, each reported as its own check run. */
export type CheckKey = "ticket" | "adr" | "coverage";

export const CHECK_KEYS: readonly CheckKey[] = ["ticket", "adr", "coverage"];

/** Check-run names users mark as required in branch protection: never rename them. */
export const CHECK_NAMES = {
  ticket: "shipshape/ticket",
  adr: "shipshape/adr",
  coverage: "shipshape/coverage",
  config: "shipshape/config",
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
