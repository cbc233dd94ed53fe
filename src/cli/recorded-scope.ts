import type { Scope } from "../reporting/figures.js";
import type { Db } from "../store/db.js";
import { findOrganisationRepositoryIds, findRepositoryId } from "../store/metric-repos.js";

/** An organisation or repository as typed on the command line: `acme` or `acme/shop`. */
export function parseScope(text: string | undefined): Scope | null {
  const match = /^([A-Za-z0-9-]+)(?:\/([A-Za-z0-9._-]+))?$/.exec(text ?? "");
  if (!match?.[1]) return null;
  return match[2] ? { owner: match[1], repo: match[2] } : { owner: match[1] };
}

/**
 * The repositories the store holds for a scope, or the line to print when it holds none: a
 * figure over nothing would read as "no activity" when the name is simply wrong.
 */
export async function recordedRepoIds(db: Db, scope: Scope): Promise<{ ok: true; repoIds: number[] } | { ok: false; message: string }> {
  const repoIds = scope.repo ? [await findRepositoryId(db, { owner: scope.owner, name: scope.repo })].filter((id) => id !== undefined) : await findOrganisationRepositoryIds(db, scope.owner);
  if (repoIds.length > 0) return { ok: true, repoIds };
  const name = scope.repo ? `${scope.owner}/${scope.repo}` : scope.owner;
  const what = scope.repo ? "repository" : "organisation";
  return { ok: false, message: `Nothing recorded for ${name} yet: check the ${what}'s name, install the app there, or run \`shipshape backfill ${scope.repo ? name : `${name}/<repo>`}\`.` };
}
