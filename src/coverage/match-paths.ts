/**
 * Finds the report's entry for a repo file when the report's paths are not repo-relative:
 * absolute paths from an unknown CI root (`/ci/build/src/a.ts` ends with `src/a.ts`), or
 * package paths shorter than the repo path (JaCoCo's `com/acme/A.java`), or longer ones (Go's
 * `github.com/acme/repo/pkg/a.go`). The longest match at a `/` boundary wins; between report
 * paths that match equally, the shortest wins (`…/repo/pkg/util/strings.go` over
 * `…/repo/internal/pkg/util/strings.go` for `pkg/util/strings.go`: the other is a longer match for
 * another file); only a tie on both is ambiguous and matches nothing rather than the wrong file.
 */
export interface PathIndex {
  /** The report path for `repoPath`, or undefined. */
  find(repoPath: string): string | undefined;
}

export function indexPaths(reportPaths: Iterable<string>): PathIndex {
  const exact = new Set<string>();
  const byBase = new Map<string, string[]>();
  for (const path of reportPaths) {
    exact.add(path);
    const base = basename(path);
    const list = byBase.get(base);
    if (list) list.push(path);
    else byBase.set(base, [path]);
  }
  return {
    find(repoPath) {
      if (exact.has(repoPath)) return repoPath;
      const candidates = byBase.get(basename(repoPath));
      if (!candidates) return undefined;
      let best: string | undefined;
      let bestScore = 0;
      let tie = false;
      for (const candidate of candidates) {
        const score = suffixScore(candidate, repoPath);
        if (score === 0) continue;
        if (score > bestScore || (score === bestScore && candidate.length < best!.length)) {
          best = candidate;
          bestScore = score;
          tie = false;
        } else if (score === bestScore && candidate.length === best!.length) tie = true;
      }
      return tie ? undefined : best;
    },
  };
}

/** How many characters the two paths share as a suffix at a segment boundary (0 = none). */
function suffixScore(reportPath: string, repoPath: string): number {
  if (reportPath.endsWith(`/${repoPath}`)) return repoPath.length;
  if (repoPath.endsWith(`/${reportPath}`)) return reportPath.length;
  return 0;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}
