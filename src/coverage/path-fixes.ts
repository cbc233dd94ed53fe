/**
 * `coverage.paths`, as Codecov's `fixes`: each "before::after" replaces the prefix `before` of a
 * report path with `after`; "::after" puts `after` in front of every path; "before::" strips
 * `before`. The first fix whose prefix matches applies. Plain prefixes, no patterns: what a user
 * writes is what is compared.
 */
export type PathFix = (path: string) => string;

export function pathFixes(fixes: readonly string[]): PathFix | undefined {
  const parsed = fixes.map((fix) => {
    const at = fix.indexOf("::");
    return { before: fix.slice(0, at), after: fix.slice(at + 2) };
  });
  if (parsed.length === 0) return undefined;
  return (path) => {
    for (const { before, after } of parsed) {
      if (before === "") return join(after, path);
      if (path.startsWith(before)) return join(after, path.slice(before.length));
    }
    return path;
  };
}

function join(prefix: string, rest: string): string {
  if (prefix === "") return rest.replace(/^\/+/, "");
  return `${prefix.replace(/\/+$/, "")}/${rest.replace(/^\/+/, "")}`;
}
