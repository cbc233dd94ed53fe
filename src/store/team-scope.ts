import { sql, type RawBuilder } from "kysely";

/** The PRs of one team: every PR of its repositories, and every PR its members wrote (logins lower case). */
export interface TeamScope {
  repoIds: readonly number[];
  logins: readonly string[];
}

/** The SQL condition "this PR belongs to the team", on the given repo id and author columns. */
export function teamCondition(team: TeamScope, repoId: RawBuilder<unknown>, author: RawBuilder<unknown>): RawBuilder<boolean> {
  const parts: RawBuilder<boolean>[] = [];
  if (team.repoIds.length > 0) parts.push(sql<boolean>`${repoId} in (${sql.join(team.repoIds)})`);
  if (team.logins.length > 0) parts.push(sql<boolean>`lower(${author}) in (${sql.join(team.logins)})`);
  if (parts.length === 0) return sql<boolean>`1 = 0`;
  return sql<boolean>`(${sql.join(parts, sql` or `)})`;
}
