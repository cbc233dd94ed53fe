/**
 * The serialisation key of a delivery: deliveries about one pull request run one at a time
 * (across processes on PostgreSQL), everything else runs in parallel.
 */
export function lockKeyFor(event: string, payload: unknown): string {
  const p = (payload ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const repo = p.repository?.id ?? "norepo";
  const pr =
    p.pull_request?.number ??
    (p.issue?.pull_request ? p.issue.number : undefined) ??
    p.check_run?.pull_requests?.[0]?.number ??
    p.check_suite?.pull_requests?.[0]?.number ??
    p.workflow_run?.pull_requests?.[0]?.number;
  if (pr !== undefined) return `${repo}:pr:${pr}`;
  const sha = p.check_run?.head_sha ?? p.check_suite?.head_sha ?? p.workflow_run?.head_sha;
  if (sha !== undefined) return `${repo}:sha:${sha}`;
  if (event === "deployment" || event === "deployment_status") return `${repo}:deployments`;
  // One organisation's team changes one at a time: each rewrites that organisation's stored GitHub teams.
  if (event === "membership" || event === "team") return `org:${String(p.organization?.login ?? "none").toLowerCase()}:teams`;
  if (event.startsWith("installation")) return `installation:${p.installation?.id ?? "none"}`;
  if (p.issue?.number !== undefined) return `${repo}:issue:${p.issue.number}`;
  return `${repo}:${event}`;
}
