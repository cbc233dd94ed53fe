/** Where a team's membership came from: the organisation's `metrics.teams`, or its GitHub teams. */
export type TeamSource = "config" | "github";

/** One team of an organisation: its members (logins) and repositories (`name` or `owner/name`). */
export interface TeamDefinition {
  name: string;
  members: readonly string[];
  repos: readonly string[];
}
