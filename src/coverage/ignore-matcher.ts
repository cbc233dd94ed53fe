import { globMatcher } from "../lib/glob.js";

/**
 * `coverage.ignore` globs. A report path may carry a prefix the repo path lacks (or the other
 * way round), so a glob matches the path or any of its tails after a `/`.
 */
export function ignoreMatcher(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const isMatch = globMatcher(globs);
  return (path) => {
    if (isMatch(path)) return true;
    for (let at = path.indexOf("/"); at >= 0; at = path.indexOf("/", at + 1)) {
      if (isMatch(path.slice(at + 1))) return true;
    }
    return false;
  };
}
