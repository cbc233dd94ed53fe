/** The change a revert PR undoes: the reverted PR's number, or the reverted commit's SHA. */
export type RevertTarget = { number: number } | { sha: string };

/** What a merged PR says about itself, as its payload or the list API gives it. */
export interface RevertCandidate {
  /** The head branch, e.g. `revert-123-feature` (GitHub's "Revert" button). */
  headRef: string;
  body: string | null;
  /** `owner/name` of the PR's own repo: a `Reverts other/repo#N` elsewhere is not this repo's change. */
  repo: string;
}

const BRANCH = /^revert-(\d{1,9})-/;
const REVERTS_PR = /(?:^|\s)Reverts\s+([\w.-]+\/[\w.-]+)#(\d{1,9})\b/im;
const REVERTS_COMMIT = /This reverts commit ([0-9a-f]{40})\b/i;

/**
 * Whether a PR reverts another (ADR 0048), as Middleware reads it: GitHub's revert button names
 * the branch `revert-N-…` and writes `Reverts owner/repo#N`; `git revert` writes `This reverts
 * commit <sha>.` in the commit message, which a single-commit PR carries into its body. The
 * button's texts win over a commit SHA, and a reference to another repo is not a revert here.
 */
export function revertTarget(pr: RevertCandidate): RevertTarget | null {
  const body = (pr.body ?? "").slice(0, 65_536);
  const reverts = REVERTS_PR.exec(body);
  if (reverts && reverts[1]!.toLowerCase() === pr.repo.toLowerCase()) return { number: Number(reverts[2]) };
  if (reverts) return null;
  const branch = BRANCH.exec(pr.headRef);
  if (branch) return { number: Number(branch[1]) };
  const commit = REVERTS_COMMIT.exec(body);
  return commit ? { sha: commit[1]!.toLowerCase() } : null;
}
