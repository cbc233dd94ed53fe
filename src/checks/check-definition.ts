import type { Config } from "../config/schema.js";
import type { Caches } from "../gather/caches.js";
import type { Db } from "../store/db.js";
import type { PullRequestData } from "../gather/pull-request-data.js";
import type { CheckKey, Mode, Override, RuleResult } from "../model/checks.js";
import type { PullRequestFacts } from "../model/pull-request-facts.js";
import type { TrackerCredentials } from "../trackers/tracker-credentials.js";
import type { TrackerIo } from "../trackers/request-tracker.js";

/** The ticket systems the operator configured (ADR 0013), how to reach them, and where operator-facing lines go. */
export interface TrackerAccess {
  credentials: TrackerCredentials;
  io: TrackerIo;
  /** One line for the operator (bad or missing credentials); never shown on a PR. */
  warn: (line: string) => void;
}

/** Everything a check may use to gather its facts. I/O goes through `data` (memoised GitHub reads) and `db`. */
export interface EvaluateInput {
  pr: PullRequestFacts;
  config: Config;
  data: PullRequestData;
  db: Db;
  /** The process's caches; a check uses only its own (e.g. `adrStyles`) and `coverageReports`. */
  caches: Caches;
  now: Date;
  /** The event that caused this evaluation, e.g. `pull_request.labeled`. */
  trigger: string;
  /** Jira and Linear, for `tickets.verify`; absent: no credentials (the CLI's dry run). */
  trackers?: TrackerAccess;
  /** The GitHub host the app talks to (`settings.githubHost`); github.com when absent. */
  githubHost?: string;
  /** The stored `/shipshape skip` of this check on this PR, if any: a check's comment may say so. */
  override?: Override | undefined;
}

/** A sticky comment the check wants on the PR. */
export interface CommentIntent {
  /** One comment per (PR, feature). */
  feature: string;
  body: string;
  /** false: only update a comment that exists (e.g. "satisfied"), never post a new one for this. */
  create: boolean;
  /**
   * true: the body already accounts for `EvaluateInput.override` (says who skipped and why), so
   * the pipeline edits the comment even while the check is skipped; otherwise a skip leaves it alone.
   */
  followsOverride?: boolean;
}

export interface Evaluation {
  result: RuleResult;
  comment?: CommentIntent;
}

/**
 * A policy: gathers its facts (I/O) then hands them to its pure rule. Registered by key in
 * `src/checks/index.ts`; the pull-request pipeline runs every enabled one.
 */
export interface CheckDefinition {
  key: CheckKey;
  enabled(config: Config): boolean;
  mode(config: Config): Mode;
  evaluate(input: EvaluateInput): Promise<Evaluation>;
}
