import { CHECK_KEYS, type CheckKey } from "../model/checks.js";
import { prSize } from "./pr-size.js";

/**
 * What a cycle-time report may be grouped by: the outcome of a check of the registry, the PR's
 * size class (XS..XL), or the author's team.
 */
export const GROUP_BY = [...CHECK_KEYS, "size", "team"] as const;
export type GroupBy = CheckKey | "size" | "team";

/** Label of PRs with no known group: no outcome or size, or (for teams) in no team. */
export const NO_GROUP = { check: "unknown", size: "unknown", team: "none" } as const;

export function isGroupBy(value: string): value is GroupBy {
  return (GROUP_BY as readonly string[]).includes(value);
}

/** A team as grouping needs it: logins in lower case, repository ids. */
export interface TeamMembership {
  name: string;
  logins: readonly string[];
  repoIds: readonly number[];
}

/**
 * The groups of one PR from its repository and the raw grouping value the store returns (the
 * outcome, lines changed, or the author's login in any case). A PR is in every team it belongs to, so
 * team groups may add up to more PRs than were merged.
 */
export function groupLabeler(groupBy: GroupBy, teams: readonly TeamMembership[] = []): (repoId: number, raw: string) => readonly string[] {
  if (groupBy === "size") return (_repoId, raw) => [raw === "" ? NO_GROUP.size : (prSize(Number(raw), 0) ?? NO_GROUP.size)];
  if (groupBy !== "team") return (_repoId, raw) => [raw || NO_GROUP.check];
  const byLogin = new Map<string, string[]>();
  const byRepo = new Map<number, string[]>();
  for (const team of teams) {
    for (const login of team.logins) byLogin.set(login, [...(byLogin.get(login) ?? []), team.name]);
    for (const repoId of team.repoIds) byRepo.set(repoId, [...(byRepo.get(repoId) ?? []), team.name]);
  }
  // Repo -> login -> labels: looked up by the values as they come, no key built per PR.
  const memo = new Map<number, Map<string, readonly string[]>>();
  return (repoId, raw) => {
    let byRaw = memo.get(repoId);
    if (!byRaw) memo.set(repoId, (byRaw = new Map()));
    let labels = byRaw.get(raw);
    if (!labels) {
      const names = [...new Set([...(byRepo.get(repoId) ?? []), ...(byLogin.get(raw.toLowerCase()) ?? [])])].sort();
      byRaw.set(raw, (labels = names.length > 0 ? names : [NO_GROUP.team]));
    }
    return labels;
  };
}
