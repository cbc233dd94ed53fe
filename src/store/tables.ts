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

export interface Database {
  deliveries: DeliveriesTable;
  check_runs: CheckRunsTable;
  sticky_comments: StickyCommentsTable;
  redelivery_requests: RedeliveryRequestsTable;
  overrides: OverridesTable;
  pull_request_heads: PullRequestHeadsTable;
}
