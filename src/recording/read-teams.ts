import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { MAX_TEAM_MEMBERS, MAX_TEAMS } from "../config/schema.js";
import { loadConfig } from "../gather/load-config.js";
import { listOrgTeams } from "../github/list-org-teams.js";
import { listTeamMembers } from "../github/list-team-members.js";
import type { GitHub } from "../github/octokit.js";
import type { BoundedCache } from "../lib/bounded-cache.js";
import type { ConfigResult } from "../config/parse-config.js";
import type { Db } from "../store/db.js";
import { teamsFromConfig } from "../metrics/teams-from-config.js";
import { claimTeamsRead, forgetTeams, replaceTeams, teamsSyncedAt } from "../store/teams.js";

/** GitHub teams are read at most this often per organisation, by any replica (ADR 0064). */
export const GITHUB_TEAMS_EVERY_MS = 6 * 3_600_000;

/** On a merge anywhere in an organisation: its teams as its `.github` repository's config (and, when asked, GitHub) say. */
export function readTeamsOnMerge(deps: AppDeps) {
  return async (context: Context<"pull_request.closed">): Promise<void> => {
    if (!context.payload.pull_request.merged) return;
    const owner = context.payload.repository.owner;
    await readTeamsLogged(deps, { octokit: context.octokit, log: context.log, owner: owner.login, organisation: owner.type === "Organization" });
  };
}

/** `readTeams` for a webhook: a failed read is logged with what to do and never fails the delivery. */
export async function readTeamsLogged(deps: AppDeps, params: { octokit: GitHub; log: Context["log"]; owner: string; organisation: boolean }): Promise<void> {
  const { owner } = params;
  try {
    await readTeams({ db: deps.db, cache: deps.caches.config, at: deps.now().getTime(), octokit: params.octokit, owner, organisation: params.organisation });
  } catch (error) {
    // Teams only group figures: a failed read keeps the last teams.
    params.log.warn({ owner, err: error }, teamsNotRead(owner, error));
  }
}

/**
 * Stores `metrics.teams` of the owner's `.github` repository (unchanged teams cost no write), and
 * with `metrics.teams.github` the organisation's GitHub teams and their members, at most every 6 h.
 * A broken or unreadable config changes nothing: the shipshape/config check reports it.
 */
export async function readTeams(params: { db: Db; cache?: BoundedCache<ConfigResult>; at: number; octokit: GitHub; owner: string; organisation: boolean }): Promise<void> {
  const { db, octokit, owner, at } = params;
  const result = await loadConfig({ octokit, owner, repo: ".github", ...(params.cache ? { cache: params.cache } : {}) });
  if (!result.ok) return;
  const teams = result.config.metrics.teams;
  await replaceTeams(db, { owner, source: "config", teams: teamsFromConfig(teams), at });
  if (!teams.github || !params.organisation) {
    // Switched off: what GitHub said before no longer counts, and a later switch-on reads at once.
    if ((await teamsSyncedAt(db, { owner, source: "github" })) !== undefined) await forgetTeams(db, { owner, source: "github" });
    return;
  }
  await readGitHubTeams({ db, octokit, owner, at, everyMs: GITHUB_TEAMS_EVERY_MS });
}

/** Every GitHub team of `owner` and its members, when no replica read them in the last `everyMs`. */
export async function readGitHubTeams(params: { db: Db; octokit: GitHub; owner: string; at: number; everyMs: number }): Promise<void> {
  const { db, octokit, owner, at } = params;
  if (!(await claimTeamsRead(db, { owner, source: "github", at, everyMs: params.everyMs }))) return;
  const slugs = await listOrgTeams({ octokit, org: owner, max: MAX_TEAMS });
  const read = [];
  // One team at a time: at most 200 x 10 pages every 6 hours, paced like every other read.
  for (const slug of slugs) read.push({ name: slug, members: await listTeamMembers({ octokit, org: owner, teamSlug: slug, max: MAX_TEAM_MEMBERS }), repos: [] });
  await replaceTeams(db, { owner, source: "github", teams: read, at });
}

/** The log line of a teams read that failed: what to do, then why. */
export function teamsNotRead(owner: string, error: unknown): string {
  return `Teams of ${owner} were not updated (${errorText(error)}): the last known teams stay until the next read.`;
}

function errorText(error: unknown): string {
  const status = (error as { status?: unknown }).status;
  if (status === 403 || status === 404) return `GitHub answered ${status}: grant the app the organisation's Members: read permission, or set metrics.teams.github: false`;
  return error instanceof Error ? error.message : String(error);
}
