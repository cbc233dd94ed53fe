import type { GitHub } from "./octokit.js";

/**
 * The organisation's teams, by slug, at most `max` (`GET /orgs/{org}/teams`, 100 a page). Needs the
 * organisation's Members: read permission; GitHub answers 403 without it.
 */
export async function listOrgTeams(params: { octokit: GitHub; org: string; max: number }): Promise<string[]> {
  const { octokit, org, max } = params;
  const slugs: string[] = [];
  for (let page = 1; slugs.length < max; page++) {
    const { data } = await octokit.rest.teams.list({ org, per_page: 100, page });
    slugs.push(...data.map((team) => team.slug));
    if (data.length < 100) break;
  }
  return slugs.slice(0, max);
}
