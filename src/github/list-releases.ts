import type { GitHub } from "./octokit.js";

/** A release as the deployment source reads it. */
export interface ReleaseSummary {
  id: number;
  tagName: string;
  draft: boolean;
  prerelease: boolean;
  createdAt: string;
  publishedAt: string | null;
}

/** One page of the repository's releases, newest first (`GET /repos/{owner}/{repo}/releases`). */
export async function listReleases(params: { octokit: GitHub; owner: string; repo: string; page: number; perPage: number }): Promise<{ releases: ReleaseSummary[]; hasNextPage: boolean }> {
  const { octokit, owner, repo, page, perPage } = params;
  const { data } = await octokit.rest.repos.listReleases({ owner, repo, per_page: perPage, page });
  const releases = data.map((r) => ({ id: r.id, tagName: r.tag_name, draft: r.draft, prerelease: r.prerelease, createdAt: r.created_at, publishedAt: r.published_at }));
  return { releases, hasNextPage: releases.length === perPage };
}
