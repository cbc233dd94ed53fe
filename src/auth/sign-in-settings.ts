import type { GitHubHosts } from "./oauth.js";

/**
 * "Sign in with GitHub" as the environment configures it (GITHUB_CLIENT_ID / GITHUB_CLIENT_SECRET,
 * the GitHub App's own OAuth client from the manifest flow). Absent: only the operator token opens
 * the dashboard.
 */
export interface SignInSettings {
  clientId: string;
  clientSecret: string;
  /** github.com, or GHE_PROTOCOL://GHE_HOST with the API at /api/v3. */
  hosts: GitHubHosts;
  /** What the seal keys of user tokens and the pending-login cookie derive from: SHIPSHAPE_SESSION_SECRET, else the webhook secret (ADR 0057). */
  sessionSecret: string;
}
