import { CONFIG_PATH } from "./config-path.js";

/** The parts of a `push` payload that say whether it changed the configuration. */
export interface PushFacts {
  ref: string;
  defaultBranch: string;
  commits: Array<{ added?: string[]; modified?: string[]; removed?: string[] }>;
}

/**
 * Whether a push to the default branch changed `.github/shipshape.yml`. GitHub lists at most
 * 2,048 commits in a push payload; a larger push (or none listed, as for a force-push) counts
 * as a change, since the cache costs one read to refill.
 */
export function touchesConfig(push: PushFacts): boolean {
  if (push.ref !== `refs/heads/${push.defaultBranch}`) return false;
  if (push.commits.length === 0 || push.commits.length >= 2048) return true;
  return push.commits.some((commit) => [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])].includes(CONFIG_PATH));
}
