/**
 * Where people open a pull request (ADR 0074). The repository's address as its payloads or the
 * backfill's GraphQL answers gave it (`html_url`) wins: it carries GitHub Enterprise Server's host,
 * protocol and any path prefix. Without one, the web address the app is configured for
 * (`GHE_PROTOCOL://GHE_HOST`, else https://github.com) builds it.
 */
export function pullRequestUrl(pr: { url?: string | null | undefined; repo: string; number: number }, webUrl: string): string {
  return pr.url ?? `${webUrl}/${pr.repo.split("/").map(encodeURIComponent).join("/")}/pull/${pr.number}`;
}

/** A PR's page under its repository's stored `html_url`; null when none was stored. */
export function storedPullRequestUrl(repoUrl: string | null | undefined, number: number): string | null {
  return repoUrl ? `${repoUrl.replace(/\/+$/, "")}/pull/${number}` : null;
}

/** GitHub's web address from Probot's `GHE_HOST` / `GHE_PROTOCOL`: https://github.com when no host is set. */
export function githubWebUrl(settings: { githubHost?: string | undefined; githubProtocol?: "https" | "http" | undefined }): string {
  return `${settings.githubProtocol ?? "https"}://${settings.githubHost ?? "github.com"}`;
}
