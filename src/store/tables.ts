/**
 * The store's tables, as Kysely sees them. Times are epoch milliseconds (bigint), booleans are
 * 0/1 integers (SQLite has no boolean), JSON is text: the same on SQLite and PostgreSQL.
 */

export interface DeliveriesTable {
  /** X-GitHub-Delivery: a redelivery keeps it, so it is the idempotency key. */
  delivery_id: string;
  event: string;
  action: string | null;
  installation_id: number | null;
  /** Serialisation key (repo and PR, or repo and SHA): deliveries with one key never run together. */
  lock_key: string;
  payload: string;
  status: "pending" | "processing" | "done" | "dead";
  attempts: number;
  received_at: number;
  next_attempt_at: number;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
  finished_at: number | null;
}

export interface CheckRunsTable {
  repo_id: number;
  head_sha: string;
  name: string;
  check_run_id: number;
  /** Hash of what was last sent: an identical write is skipped. */
  state_hash: string;
  status: string;
  conclusion: string | null;
  updated_at: number;
}

export interface StickyCommentsTable {
  repo_id: number;
  pr_number: number;
  feature: string;
  comment_id: number;
  body_hash: string;
  updated_at: number;
}

export interface RedeliveryRequestsTable {
  /** GitHub's numeric id of the failed delivery attempt. */
  hook_delivery_id: number;
  delivery_guid: string;
  requested_at: number;
}

export interface OverridesTable {
  repo_id: number;
  pr_number: number;
  /** ticket | adr | coverage */
  check_key: string;
  user_login: string;
  reason: string;
  created_at: number;
}

/** Which PR a head SHA belongs to: check-run events of fork PRs carry no PR list. */
export interface PullRequestHeadsTable {
  repo_id: number;
  head_sha: string;
  pr_number: number;
  seen_at: number;
}

/** A repository seen by the metrics recorders: maps owner/name (any case) to GitHub's id. */
export interface MetricReposTable {
  repo_id: number;
  owner: string;
  name: string;
  owner_key: string;
  full_name_key: string;
  updated_at: number;
  /** `repository.html_url` from the newest payload (migration 0125); null until a webhook brings it. */
  html_url: string | null;
}

/** Every per-PR fact of ADR 0040; `snapshot_at` is the payload `updated_at` of the snapshot kept. */
export interface PullRequestsTable {
  repo_id: number;
  number: number;
  author: string | null;
  author_is_bot: number;
  title: string | null;
  draft: number;
  head_sha: string | null;
  base_ref: string | null;
  merge_commit_sha: string | null;
  first_commit_at: number | null;
  first_commit_fetched: number;
  opened_at: number | null;
  ready_at: number | null;
  first_review_at: number | null;
  first_approval_at: number | null;
  merged_at: number | null;
  closed_at: number | null;
  deployed_at: number | null;
  additions: number | null;
  deletions: number | null;
  changed_files: number | null;
  snapshot_at: number | null;
}

/**
 * A PR's outcome of one check, a row per (PR, check): adding a check needs no migration. A check
 * with no outcome (no run yet) has no row.
 */
export interface PullRequestOutcomesTable {
  repo_id: number;
  number: number;
  /** A key of `CHECKS` in src/model/checks.ts. */
  check_key: string;
  /** Its check-run conclusion, `pending`, or `skipped` when overridden. */
  outcome: string;
}

export interface DeploymentsTable {
  deployment_id: number;
  repo_id: number;
  environment: string;
  production: number;
  sha: string;
  ref: string | null;
  created_at: number;
  status: string | null;
  status_at: number | null;
  succeeded_at: number | null;
  failed_at: number | null;
  prs_marked: number;
  /** A name of `DEPLOYMENT_SOURCES` (src/model/deployment-source.ts). */
  source: string;
  /** The predecessor this deployment's commits were last compared with; null: none (or not linked yet). */
  linked_after: number | null;
}

/** The commits a successful production deployment added over its predecessor (and its own SHA). */
export interface DeploymentCommitsTable {
  deployment_id: number;
  repo_id: number;
  sha: string;
}

export interface IncidentsTable {
  repo_id: number;
  number: number;
  title: string | null;
  opened_at: number;
  closed_at: number | null;
  snapshot_at: number;
  /** 1 while the newest snapshot carries an incident label (migration 0080). */
  labelled: number;
  /** Deleted or transferred out: never counts again. */
  gone_at: number | null;
}

/** One backfill per repository (see `src/store/backfill-jobs.ts`). */
export interface BackfillJobsTable {
  repo_id: number;
  owner: string;
  repo: string;
  installation_id: number;
  state: "pending" | "running" | "done" | "failed";
  phase: "pull_requests" | "deployments" | "incidents" | "done";
  cursor: string | null;
  since: number;
  days: number;
  total: number | null;
  done: number;
  deployments: number;
  incidents: number;
  requests: number;
  attempts: number;
  started_at: number;
  updated_at: number;
  finished_at: number | null;
  waiting_until: number | null;
  locked_by: string | null;
  locked_until: number | null;
  last_error: string | null;
}

/** One weekly digest of one target (webhook) and period: the row is the claim to post it. */
export interface DigestRunsTable {
  /** `owner[/repo]` and which of its webhooks, e.g. `acme/api slack:1f2e3d4c5b6a`. */
  target: string;
  /** ISO week of the digest, e.g. `2024-W23`. */
  period: string;
  claimed_by: string;
  claimed_at: number;
  status: "posting" | "posted" | "failed";
  attempts: number;
  finished_at: number | null;
  last_error: string | null;
}

/** A dashboard login: the sha256 of the random session id in the cookie, never the id itself. */
/** A claimed reply to a `/shipshape` comment (see `command-replies.ts`). */
export interface CommandRepliesTable {
  reply_key: string;
  created_at: number;
}

export interface DashboardSessionsTable {
  id_hash: string;
  /** Which API token the session was opened with (a hash): a new token ends old sessions. */
  token_fingerprint: string;
  created_at: number;
  expires_at: number;
}

/** Coverage of one commit, merged over every report received for it. */
export interface CoverageCommitsTable {
  /** "owner/repo", lowercase. */
  repo: string;
  sha: string;
  branch: string | null;
  lines_total: number;
  lines_covered: number;
  branches_total: number;
  branches_covered: number;
  files: number;
  /** JSON array of report formats merged in. */
  formats: string;
  updated_at: number;
}

/** Per file of a commit: totals and line data as range lists ("1-5,8"). */
export interface CoverageFilesTable {
  repo: string;
  sha: string;
  path: string;
  lines_total: number;
  lines_covered: number;
  branches_total: number;
  branches_covered: number;
  covered: string;
  uncovered: string;
  /** Branches per line, "line:covered/total" joined by commas (`line-ranges.ts`). */
  branches: string;
  /** Covered lines with a branch not taken. */
  lines_partial: number;
}

/** What each finished workflow run of a commit contributed to its coverage. */
export interface CoverageRunsTable {
  repo: string;
  sha: string;
  run_id: number;
  run_name: string;
  outcome: "report" | "no-artifact" | "error";
  detail: string | null;
  /** Other runs of the SHA still in progress when this one finished. */
  others_pending: number;
  completed_at: number;
}

/** Coverage upload tokens: only a SHA-256 of each is kept. */
export interface UploadTokensTable {
  token_hash: string;
  repo: string;
  created_at: number;
  revoked_at: number | null;
}

/** A scoped read token (ADR 0059): its secret's SHA-256 and what it may read. */
export interface GitHubSessionsTable {
  id: string;
  id_hash: string;
  login: string;
  /** JSON `{ owners, repos }`, lower case. */
  scope: string;
  sealed_token: string;
  sealed_refresh_token: string | null;
  token_expires_at: number | null;
  created_at: number;
  refreshed_at: number;
  expires_at: number;
  revoked_at: number | null;
}

export interface ReadTokensTable {
  id: string;
  token_hash: string;
  /** `owner` or `owner/name`, lower case. */
  scope: string;
  created_at: number;
  revoked_at: number | null;
}

/** One submitted review (ADR 0064): rework and review load are computed from these. */
export interface PullRequestReviewsTable {
  repo_id: number;
  number: number;
  reviewer: string;
  reviewer_key: string;
  reviewer_is_bot: number;
  /** GitHub's review state, lower case: approved, changes_requested, commented, dismissed. */
  state: string;
  submitted_at: number;
}

/** A login's membership of a team of an organisation, from one source (`config` or `github`). */
export interface MetricTeamMembersTable {
  owner_key: string;
  team_key: string;
  team: string;
  source: string;
  login_key: string;
}

/** A repository every PR of which belongs to the team. */
export interface MetricTeamReposTable {
  owner_key: string;
  team_key: string;
  team: string;
  source: string;
  repo_key: string;
}

export interface MetricTeamSyncsTable {
  owner_key: string;
  source: string;
  synced_at: number;
  /** SHA-256 of the teams the source last said (sorted), null before migration 0115's first write. */
  fingerprint: string | null;
}

export interface MetricRepoSettingsTable {
  repo_id: number;
  working_hours: string | null;
  /** `metrics.incidents` as a JSON array (migration 0095); null: every source counts. */
  incidents: string | null;
  updated_at: number;
}

/** A merged revert PR and the change it reverts (migration 0095, ADR 0048). */
export interface PullRequestRevertsTable {
  repo_id: number;
  number: number;
  target_number: number | null;
  target_sha: string | null;
}

export interface Database {
  deliveries: DeliveriesTable;
  check_runs: CheckRunsTable;
  sticky_comments: StickyCommentsTable;
  redelivery_requests: RedeliveryRequestsTable;
  overrides: OverridesTable;
  pull_request_heads: PullRequestHeadsTable;
  coverage_commits: CoverageCommitsTable;
  coverage_files: CoverageFilesTable;
  coverage_runs: CoverageRunsTable;
  upload_tokens: UploadTokensTable;
  read_tokens: ReadTokensTable;
  github_sessions: GitHubSessionsTable;
  metric_repos: MetricReposTable;
  pull_requests: PullRequestsTable;
  pull_request_outcomes: PullRequestOutcomesTable;
  deployments: DeploymentsTable;
  deployment_commits: DeploymentCommitsTable;
  incidents: IncidentsTable;
  backfill_jobs: BackfillJobsTable;
  digest_runs: DigestRunsTable;
  dashboard_sessions: DashboardSessionsTable;
  command_replies: CommandRepliesTable;
  pull_request_reviews: PullRequestReviewsTable;
  metric_team_members: MetricTeamMembersTable;
  metric_team_repos: MetricTeamReposTable;
  metric_team_syncs: MetricTeamSyncsTable;
  metric_repo_settings: MetricRepoSettingsTable;
  pull_request_reverts: PullRequestRevertsTable;
}
