import type { Config } from "../config/schema.js";
import type { TeamDefinition } from "../model/team.js";

/** `metrics.teams.members` and `metrics.teams.repos` as one list of teams (a name in both is one team), by name. */
export function teamsFromConfig(teams: Pick<Config["metrics"]["teams"], "members" | "repos">): TeamDefinition[] {
  const names = [...new Set([...Object.keys(teams.members), ...Object.keys(teams.repos)])].sort();
  return names.map((name) => ({ name, members: teams.members[name] ?? [], repos: teams.repos[name] ?? [] }));
}
