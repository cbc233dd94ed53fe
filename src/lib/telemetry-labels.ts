/**
 * Every label value Prometheus sees comes from a closed set: a series lives as long as the
 * process, so one label taken from a request header would let anyone grow `/metrics` and the
 * heap without bound (issue: 10,000 forged `X-GitHub-Event` headers, 10,000 series).
 */

/** GitHub's documented webhook event names (those the app subscribes to in app.yml among them). */
export const KNOWN_EVENTS: ReadonlySet<string> = new Set([
  "branch_protection_configuration", "branch_protection_rule", "check_run", "check_suite", "code_scanning_alert",
  "commit_comment", "create", "custom_property", "custom_property_values", "delete", "dependabot_alert", "deploy_key",
  "deployment", "deployment_protection_rule", "deployment_review", "deployment_status", "discussion",
  "discussion_comment", "fork", "github_app_authorization", "gollum", "installation", "installation_repositories",
  "installation_target", "issue_comment", "issue_dependencies", "issues", "label", "marketplace_purchase", "member",
  "membership", "merge_group", "meta", "milestone", "org_block", "organization", "package", "page_build",
  "personal_access_token_request", "ping", "project", "project_card", "project_column", "projects_v2",
  "projects_v2_item", "projects_v2_status_update", "public", "pull_request", "pull_request_review",
  "pull_request_review_comment", "pull_request_review_thread", "push", "registry_package", "release", "repository",
  "repository_advisory", "repository_dispatch", "repository_import", "repository_ruleset",
  "repository_vulnerability_alert", "secret_scanning_alert", "secret_scanning_alert_location", "secret_scanning_scan",
  "security_advisory", "security_and_analysis", "sponsorship", "star", "status", "sub_issues", "team", "team_add",
  "watch", "workflow_dispatch", "workflow_job", "workflow_run",
]);

/** What happened to a delivery: at intake (accepted … store_error) or in the worker (processed, retried, dead). */
export const DELIVERY_OUTCOMES = ["accepted", "duplicate", "rejected", "busy", "store_error", "processed", "retried", "dead"] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

/** Inbox row states `/metrics` reports. */
export const INBOX_STATUSES = ["pending", "processing", "done", "dead"] as const;

/** A known event name as is; anything else (a typo, a forgery, a future event) is "unknown". */
export function eventLabel(event: string | undefined): string {
  return event !== undefined && KNOWN_EVENTS.has(event) ? event : "unknown";
}

/** `value` when it is one of `allowed`, else "unknown". */
export function oneOf(value: string, allowed: readonly string[]): string {
  return allowed.includes(value) ? value : "unknown";
}

/** An HTTP status as its three digits when it is one (0: no response), else "unknown". */
export function statusLabel(status: string | number): string {
  const code = Number(status);
  return Number.isInteger(code) && (code === 0 || (code >= 100 && code <= 599)) ? String(code) : "unknown";
}

/** Distinct values a label keeps before further new ones are counted under "other". */
export const MAX_INSTALLATION_SERIES = 1000;

/**
 * Keeps the first `max` distinct values of a label (installations are verified, but their number
 * grows with the app's reach); later new ones share the series "other".
 */
export function boundedLabel(max: number): (value: string) => string {
  const seen = new Set<string>();
  return (value) => {
    if (seen.has(value)) return value;
    if (seen.size >= max) return "other";
    seen.add(value);
    return value;
  };
}
