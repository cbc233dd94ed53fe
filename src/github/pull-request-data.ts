import type { CommitFacts, FileFacts } from "../checks/pull-request-facts.js";
import { listPullRequestCommits } from "./list-pull-request-commits.js";
import { listPullRequestFiles } from "./list-pull-request-files.js";
import type { GitHub } from "./octokit.js";

/**
 * GitHub reads about one pull request, each made at most once per evaluation however many
 * checks ask: checks share it so the whole pipeline stays within the request budget.
 */
export interface PullRequestData {
  /** The PR's commits, oldest first (GitHub lists at most 250). */
  commits(): Promise<CommitFacts[]>;
  /** The PR's changed files (GitHub lists at most 3,000). */
  files(): Promise<FileFacts[]>;
  /** How many GitHub requests the loaders made, for budgets and tests. */
  readonly requests: number;
}

export function createPullRequestData(params: { octokit: GitHub; owner: string; repo: string; number: number }): PullRequestData {
  let requests = 0;
  const count = (n: number) => {
    requests += n;
  };
  const commits = once(() => listPullRequestCommits({ ...params, onRequest: count }));
  const files = once(() => listPullRequestFiles({ ...params, onRequest: count }));
  return {
    commits,
    files,
    get requests() {
      return requests;
    },
  };
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let promise: Promise<T> | undefined;
  return () => (promise ??= load());
}
