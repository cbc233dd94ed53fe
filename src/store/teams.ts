import { createHash } from "node:crypto";
import { sql } from "kysely";
import type { TeamDefinition, TeamSource } from "../model/team.js";
import type { Db } from "./db.js";
import type { MetricScope } from "./metric-scope.js";
import { teamCondition } from "./team-scope.js";

export type { TeamDefinition, TeamSource } from "../model/team.js";

/**
 * Replaces what `source` says of `owner`'s teams with `teams` (one transaction: readers see the
 * old set or the new one), and notes when it was read. Teams read on every webhook are mostly
 * unchanged: when they are the same as last time nothing is written and `false` comes back.
 */
export async function replaceTeams(db: Db, params: { owner: string; source: TeamSource; teams: readonly TeamDefinition[]; at: number }): Promise<boolean> {
  return db.withLock(teamsLock(params), () => writeTeams(db, params));
}

/**
 * Replaces one team of what `source` says of `owner`'s teams (`members: null` drops it), the others
 * kept as they are: a GitHub `membership` or `team` webhook changes one team (ADR 0079).
 */
export async function replaceTeam(db: Db, params: { owner: string; source: TeamSource; team: string; members: string[] | null; at: number }): Promise<boolean> {
  const owner_key = params.owner.toLowerCase();
  return db.withLock(teamsLock(params), async () => {
    const [members, repos] = await Promise.all([
      db.kysely.selectFrom("metric_team_members").select(["team", "team_key", "login_key"]).where("owner_key", "=", owner_key).where("source", "=", params.source).execute(),
      db.kysely.selectFrom("metric_team_repos").select(["team", "team_key", "repo_key"]).where("owner_key", "=", owner_key).where("source", "=", params.source).execute(),
    ]);
    const teams = new Map<string, TeamDefinition & { members: string[]; repos: string[] }>();
    const teamOf = (row: { team: string; team_key: string }) => teams.get(row.team_key) ?? teams.set(row.team_key, { name: row.team, members: [], repos: [] }).get(row.team_key)!;
    for (const row of members) teamOf(row).members.push(row.login_key);
    for (const row of repos) teamOf(row).repos.push(row.repo_key);
    const key = params.team.toLowerCase();
    const kept = teams.get(key)?.repos ?? [];
    teams.delete(key);
    if (params.members !== null) teams.set(key, { name: params.team, members: params.members, repos: kept });
    // One team changed: the 6-hourly whole read keeps its time.
    return writeTeams(db, { ...params, teams: [...teams.values()], keepReadTime: true });
  });
}

function teamsLock(params: { owner: string; source: TeamSource }): string {
  return `metrics:teams:${params.owner.toLowerCase()}:${params.source}`;
}

/** The write of `replaceTeams`, under its lock; `keepReadTime` leaves when the source was last read whole. */
async function writeTeams(db: Db, params: { owner: string; source: TeamSource; teams: readonly TeamDefinition[]; at: number; keepReadTime?: boolean }): Promise<boolean> {
  const owner_key = params.owner.toLowerCase();
  const { source } = params;
  const members = dedupe(params.teams.flatMap((team) => team.members.map((login) => ({ owner_key, source, team: team.name, team_key: team.name.toLowerCase(), login_key: login.toLowerCase() }))), (r) => `${r.team_key} ${r.login_key}`);
  const repos = dedupe(params.teams.flatMap((team) => team.repos.map((repo) => ({ owner_key, source, team: team.name, team_key: team.name.toLowerCase(), repo_key: repoKey(params.owner, repo) }))), (r) => `${r.team_key} ${r.repo_key}`);
  const fingerprint = fingerprintOf(params.teams.map((team) => team.name), members.map((r) => `${r.team_key} ${r.login_key}`), repos.map((r) => `${r.team_key} ${r.repo_key}`));
  const stored = await db.kysely.selectFrom("metric_team_syncs").select("fingerprint").where("owner_key", "=", owner_key).where("source", "=", source).executeTakeFirst();
  if (stored?.fingerprint === fingerprint) return false;
  await db.kysely.transaction().execute(async (trx) => {
    await trx.deleteFrom("metric_team_members").where("owner_key", "=", owner_key).where("source", "=", source).execute();
    await trx.deleteFrom("metric_team_repos").where("owner_key", "=", owner_key).where("source", "=", source).execute();
    // Chunks keep each statement under SQLite's and PostgreSQL's bound-parameter limits.
    for (let i = 0; i < members.length; i += 500) await trx.insertInto("metric_team_members").values(members.slice(i, i + 500)).execute();
    for (let i = 0; i < repos.length; i += 500) await trx.insertInto("metric_team_repos").values(repos.slice(i, i + 500)).execute();
    await trx
      .insertInto("metric_team_syncs")
      .values({ owner_key, source, synced_at: params.at, fingerprint })
      .onConflict((oc) => oc.columns(["owner_key", "source"]).doUpdateSet(params.keepReadTime ? { fingerprint } : { synced_at: params.at, fingerprint }))
      .execute();
  });
  return true;
}

/**
 * Claims the next read of `source` for `owner` when the last one is at least `everyMs` old (or
 * there was none): one conditional write, so of many replicas receiving webhooks at once only one
 * reads GitHub. The claim counts as the read, so a read that fails waits for the next period.
 */
export async function claimTeamsRead(db: Db, params: { owner: string; source: TeamSource; at: number; everyMs: number }): Promise<boolean> {
  const owner_key = params.owner.toLowerCase();
  const result = await db.kysely
    .insertInto("metric_team_syncs")
    .values({ owner_key, source: params.source, synced_at: params.at, fingerprint: null })
    .onConflict((oc) => oc.columns(["owner_key", "source"]).doUpdateSet({ synced_at: params.at }).where("metric_team_syncs.synced_at", "<=", params.at - params.everyMs))
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** When `source` last told `owner`'s teams; undefined when never. */
export async function teamsSyncedAt(db: Db, params: { owner: string; source: TeamSource }): Promise<number | undefined> {
  const row = await db.kysely
    .selectFrom("metric_team_syncs")
    .select("synced_at")
    .where("owner_key", "=", params.owner.toLowerCase())
    .where("source", "=", params.source)
    .executeTakeFirst();
  return row?.synced_at;
}

/** A team as the queries use it: members in lower case, and the ids of its repositories the store has seen. */
export interface StoredTeam {
  name: string;
  logins: string[];
  repoIds: number[];
}

/**
 * Every team of `owner`, by name. A team named in the organisation's config is defined by the
 * config alone: what GitHub says of a team of that name is ignored (ADR 0064), so a config can
 * correct a GitHub team. Other GitHub teams are listed as GitHub has them.
 */
export async function listTeams(db: Db, owner: string): Promise<StoredTeam[]> {
  const owner_key = owner.toLowerCase();
  const [members, repos] = await Promise.all([
    db.kysely.selectFrom("metric_team_members").select(["team", "team_key", "source", "login_key"]).where("owner_key", "=", owner_key).execute(),
    db.kysely
      .selectFrom("metric_team_repos")
      .innerJoin("metric_repos", "metric_repos.full_name_key", "metric_team_repos.repo_key")
      .select(["team", "team_key", "source", "metric_repos.repo_id"])
      .where("metric_team_repos.owner_key", "=", owner_key)
      .execute(),
  ]);
  const teams = new Map<string, { name: string; logins: Set<string>; repoIds: Set<number> }>();
  const teamOf = (row: { team: string; team_key: string }) => {
    let team = teams.get(row.team_key);
    if (!team) teams.set(row.team_key, (team = { name: row.team, logins: new Set(), repoIds: new Set() }));
    return team;
  };
  // Teams that name only repositories the store has not seen yet still exist (with no PRs).
  const named = await db.kysely.selectFrom("metric_team_repos").select(["team", "team_key", "source"]).distinct().where("owner_key", "=", owner_key).execute();
  const configured = new Set([...members, ...named].filter((row) => row.source === "config").map((row) => row.team_key));
  const counts = (row: { team_key: string; source: string }) => row.source === "config" || !configured.has(row.team_key);
  for (const row of members.filter(counts)) teamOf(row).logins.add(row.login_key);
  for (const row of repos.filter(counts)) teamOf(row).repoIds.add(row.repo_id);
  for (const row of named.filter(counts)) teamOf(row);
  return [...teams.values()]
    .map((team) => ({ name: team.name, logins: [...team.logins].sort(), repoIds: [...team.repoIds].sort((a, b) => a - b) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** One digest of a source's teams: names, memberships and repositories, in a fixed order. */
function fingerprintOf(...lists: string[][]): string {
  const hash = createHash("sha256");
  for (const list of lists) hash.update(JSON.stringify([...list].map((item) => item.toLowerCase()).sort()));
  return hash.digest("hex");
}

/**
 * The repositories a team works in over the scope's window: its own, and those its PRs were merged
 * into (a team of members only has no repositories of its own).
 */
export async function teamRepositoryIds(db: Db, params: MetricScope & { team: StoredTeam }): Promise<number[]> {
  if (params.repoIds.length === 0) return [];
  const rows = await db.kysely
    .selectFrom("pull_requests")
    .select("repo_id")
    .distinct()
    .where("repo_id", "in", params.repoIds)
    .where("merged_at", ">=", params.from)
    .where("merged_at", "<", params.to)
    .where(teamCondition(params.team, sql.ref("repo_id"), sql.ref("author")))
    .execute();
  const ids = new Set([...params.team.repoIds.filter((id) => params.repoIds.includes(id)), ...rows.map((row) => row.repo_id)]);
  return [...ids].sort((a, b) => a - b);
}

/** `repo` as `owner/name` in lower case: a bare name is a repository of `owner`. */
function repoKey(owner: string, repo: string): string {
  return (repo.includes("/") ? repo : `${owner}/${repo}`).toLowerCase();
}

function dedupe<T>(rows: T[], key: (row: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const row of rows) if (!seen.has(key(row))) seen.set(key(row), row);
  return [...seen.values()];
}

/** Drops everything `source` said of `owner`'s teams, and when it was read. */
export async function forgetTeams(db: Db, params: { owner: string; source: TeamSource }): Promise<void> {
  const owner_key = params.owner.toLowerCase();
  await db.withLock(teamsLock(params), () =>
    db.kysely.transaction().execute(async (trx) => {
      for (const table of ["metric_team_members", "metric_team_repos", "metric_team_syncs"] as const) {
        await trx.deleteFrom(table).where("owner_key", "=", owner_key).where("source", "=", params.source).execute();
      }
    }),
  );
}
