import type { Context } from "probot";
import type { AppDeps } from "../app-deps.js";
import { MAX_TEAM_MEMBERS } from "../config/schema.js";
import type { ConfigResult } from "../config/parse-config.js";
import { loadConfig } from "../gather/load-config.js";
import { listTeamMembers } from "../github/list-team-members.js";
import type { GitHub } from "../github/octokit.js";
import type { BoundedCache } from "../lib/bounded-cache.js";
import type { Db } from "../store/db.js";
import { replaceTeam, teamsSyncedAt } from "../store/teams.js";
import { readGitHubTeams, teamsNotRead } from "./read-teams.js";

/** GitHub's webhooks that change an organisation's teams (both need the Members: read permission). */
export const TEAM_CHANGE_TRIGGERS = ["membership.added", "membership.removed", "team.created", "team.deleted", "team.edited"] as const;

/** A renamed team changes its slug, which the payload does not give the old one of: all teams are read again, at most this often. */
export const RENAMED_TEAMS_EVERY_MS = 60_000;

/** What one webhook changed: one team's members (and its parent's, which GitHub lists with the child's), a team gone, or names. */
export type TeamChange = { kind: "members"; slugs: string[] } | { kind: "deleted"; slug: string } | { kind: "renamed" };

/** The change a `membership` or `team` payload tells; undefined when it changes no team's members (an organisation-scoped membership). */
export function teamChange(name: string, payload: { action?: string; scope?: string; team?: { slug?: string; parent?: { slug?: string } | null }; changes?: Record<string, unknown> }): TeamChange | undefined {
  const slug = payload.team?.slug;
  if (!slug) return undefined;
  if (name === "membership") return payload.scope === "team" ? { kind: "members", slugs: withParent(slug, payload.team?.parent?.slug) } : undefined;
  if (payload.action === "deleted") return { kind: "deleted", slug };
  if (payload.action === "edited") return payload.changes && ("name" in payload.changes || "parent" in payload.changes) ? { kind: "renamed" } : undefined;
  return { kind: "members", slugs: withParent(slug, payload.team?.parent?.slug) };
}

function withParent(slug: string, parent: string | undefined): string[] {
  return parent ? [slug, parent] : [slug];
}

/** On `membership` and `team` webhooks: the GitHub teams they changed, read again at once when `metrics.teams.github` is on. */
export function readChangedTeam(deps: AppDeps) {
  return async (context: Context<(typeof TEAM_CHANGE_TRIGGERS)[number]>): Promise<void> => {
    const change = teamChange(context.name, context.payload as Parameters<typeof teamChange>[1]);
    const owner = context.payload.organization.login;
    if (!change) return;
    try {
      await applyTeamChange({ db: deps.db, cache: deps.caches.config, octokit: context.octokit, owner, at: deps.now().getTime(), change });
    } catch (error) {
      context.log.warn({ owner, err: error }, teamsNotRead(owner, error));
    }
  };
}

/**
 * Applies `change` to the stored GitHub teams of `owner`: one team's members re-read (at most 10
 * pages), a deleted team dropped. Nothing is read when the organisation's config does not ask for
 * GitHub teams; when they were never read, or a team was renamed, every team is read instead.
 */
export async function applyTeamChange(params: { db: Db; cache?: BoundedCache<ConfigResult>; octokit: GitHub; owner: string; at: number; change: TeamChange }): Promise<void> {
  const { db, octokit, owner, at, change } = params;
  const config = await loadConfig({ octokit, owner, repo: ".github", ...(params.cache ? { cache: params.cache } : {}) });
  if (!config.ok || !config.config.metrics.teams.github) return;
  if (change.kind === "renamed" || (await teamsSyncedAt(db, { owner, source: "github" })) === undefined) {
    await readGitHubTeams({ db, octokit, owner, at, everyMs: change.kind === "renamed" ? RENAMED_TEAMS_EVERY_MS : 0 });
    return;
  }
  if (change.kind === "deleted") {
    await replaceTeam(db, { owner, source: "github", team: change.slug, members: null, at });
    return;
  }
  for (const slug of change.slugs) {
    await replaceTeam(db, { owner, source: "github", team: slug, members: await listTeamMembers({ octokit, org: owner, teamSlug: slug, max: MAX_TEAM_MEMBERS }), at });
  }
}
