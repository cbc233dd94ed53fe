import type { GitHub } from "./octokit.js";

/** Logins of a team's members, child teams' members included as GitHub lists them, at most `max` (`GET /orgs/{org}/teams/{team_slug}/members`). */
export async function listTeamMembers(params: { octokit: GitHub; org: string; teamSlug: string; max: number }): Promise<string[]> {
  const { octokit, org, teamSlug, max } = params;
  const logins: string[] = [];
  for (let page = 1; logins.length < max; page++) {
    const { data } = await octokit.rest.teams.listMembersInOrg({ org, team_slug: teamSlug, per_page: 100, page });
    logins.push(...data.map((member) => member.login));
    if (data.length < 100) break;
  }
  return logins.slice(0, max);
}
