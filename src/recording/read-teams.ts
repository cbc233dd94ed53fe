import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { MAX_TEAM_MEMBERS, MAX_TEAMS } from "../config/schema.js";
import { loadConfig } from "../gather/load-config.js";
import { listOrgTeams } from "../github/list-org-teams.js";
import { listTeamMembers } from "../github/list-team-members.js";
import type { GitHub } from "../github/octokit.js";
import { teamsFromConfig } from "../metrics/teams-from-config.js";
import { claimTeamsRead, forgetTeams, replaceTeams, teamsSyncedAt } from "../store/teams.js";

/** GitHub teams are read at most this often per organisation, by any replica (ADR 0064). */
export const GITHUB_TEAMS_EVERY_MS = 6 * 3_600_000;

/** On a merge anywhere in an organisation: its teams as its `.github` repository's config (and, when asked, GitHub) say. */
export function readTeamsOnMerge(deps: AppDeps) {
  return async (context: Context<"pull_request.closed">): Promise<void> => {
    if (!context.payload.pull_request.merged) return;
    const owner = context.payload.repository.owner;
    try {
      await readTeams(deps, { octokit: context.octokit, owner: owner.login, organisation: owner.type === "Organization" });
    } catch (error) {
      // Teams only group figures: a failed read keeps the last teams and never fails the delivery.
      context.log.warn({ owner: owner.login, err: error }, `Teams of ${owner.login} were not updated (${errorText(error)}): the last known teams stay until the next merge reads them.`);
    }
  };
}

/**
 * Stores `metrics.teams` of the owner's `.github` repository (unchanged teams cost no write), and
 * with `metrics.teams.github` the organisation's GitHub teams and their members, at most every 6 h.
 * A broken or unreadable config changes nothing: the shipshape/config check reports it.
 */
export async function readTeams(deps: AppDeps, params: { octokit: GitHub; owner: string; organisation: boolean }): Promise<void> {
  const { octokit, owner } = params;
  const result = await loadConfig({ octokit, owner, repo: ".github", cache: deps.caches.config });
  if (!result.ok) return;
  const teams = result.config.metrics.teams;
  const at = deps.now().getTime();
  await replaceTeams(deps.db, { owner, source: "config", teams: teamsFromConfig(teams), at });
  if (!teams.github || !params.organisation) {
    // Switched off: what GitHub said before no longer counts, and a later switch-on reads at once.
    if ((await teamsSyncedAt(deps.db, { owner, source: "github" })) !== undefined) await forgetTeams(deps.db, { owner, source: "github" });
    return;
  }
  if (!(await claimTeamsRead(deps.db, { owner, source: "github", at, everyMs: GITHUB_TEAMS_EVERY_MS }))) return;
  const slugs = await listOrgTeams({ octokit, org: owner, max: MAX_TEAMS });
  const read = [];
  // One team at a time: at most 200 x 10 pages every 6 hours, paced like every other read.
  for (const slug of slugs) read.push({ name: slug, members: await listTeamMembers({ octokit, org: owner, teamSlug: slug, max: MAX_TEAM_MEMBERS }), repos: [] });
  await replaceTeams(deps.db, { owner, source: "github", teams: read, at });
}

function errorText(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  if (status === 403 || status === 404) return `GitHub answered ${status}: grant the app the organisation's Members: read permission, or set metrics.teams.github: false`;
  return error instanceof Error ? error.message : String(error);
}
