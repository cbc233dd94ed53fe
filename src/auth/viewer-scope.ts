/**
 * What one viewer may see: everything (the operator's token), or a set of owners
 * and repositories (a GitHub sign-in or a scoped read token). Pure: the routes ask
 * this one place, and a repository outside the scope is answered as not found.
 */
export type ViewerScope =
  | { readonly kind: "all" }
  | { readonly kind: "some"; readonly owners: ReadonlySet<string>; readonly repos: ReadonlySet<string> };

const key = (s: string): string => s.toLowerCase();

/** Owners grant all their repositories; repos are "owner/name". Names compare case-insensitively, as on GitHub. */
export function scopeOf(owners: Iterable<string>, repos: Iterable<string>): ViewerScope {
  return {
    kind: "some",
    owners: new Set([...owners].map(key)),
    repos: new Set([...repos].map(key)),
  };
}

export function canSeeRepo(scope: ViewerScope, owner: string, name: string): boolean {
  if (scope.kind === "all") return true;
  return scope.owners.has(key(owner)) || scope.repos.has(key(`${owner}/${name}`));
}

/** Whether the viewer sees at least one repository of this owner (an owner page is 404 otherwise). */
export function canSeeOwner(scope: ViewerScope, owner: string): boolean {
  if (scope.kind === "all") return true;
  const o = key(owner);
  if (scope.owners.has(o)) return true;
  for (const r of scope.repos) if (r.startsWith(`${o}/`)) return true;
  return false;
}

/** Keeps only the repositories the viewer may see, for organisation-wide figures. */
export function visibleRepos<T extends { owner: string; name: string }>(scope: ViewerScope, repos: readonly T[]): T[] {
  return repos.filter((r) => canSeeRepo(scope, r.owner, r.name));
}
