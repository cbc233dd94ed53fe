/** What the payload says about a pull request, as plain data for the pure rules. */
export interface PullRequestFacts {
  repo: RepoRef;
  number: number;
  title: string;
  body: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  labels: string[];
  author: { login: string; isBot: boolean };
  draft: boolean;
  state: "open" | "closed";
  merged: boolean;
}

export interface RepoRef {
  id: number;
  owner: string;
  name: string;
  defaultBranch: string;
}

/** A commit of the pull request, as the commits listing returns it. */
export interface CommitFacts {
  sha: string;
  message: string;
  authorDate: string | null;
  authorLogin: string | null;
}

/** A changed file of the pull request, as the files listing returns it. */
export interface FileFacts {
  filename: string;
  /** For renames: the old path. */
  previousFilename?: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  additions: number;
  deletions: number;
  /** The unified diff; GitHub omits it for very large or binary files. */
  patch?: string;
}

/** Builds the facts from a `pull_request` payload's `pull_request` and `repository` objects. */
export function pullRequestFacts(pr: PayloadPullRequest, repository: PayloadRepository): PullRequestFacts {
  return {
    repo: { id: repository.id, owner: repository.owner.login, name: repository.name, defaultBranch: repository.default_branch },
    number: pr.number,
    title: pr.title ?? "",
    body: pr.body ?? "",
    headRef: pr.head.ref,
    headSha: pr.head.sha,
    baseRef: pr.base.ref,
    baseSha: pr.base.sha,
    labels: (pr.labels ?? []).map((label) => label.name),
    author: { login: pr.user?.login ?? "ghost", isBot: pr.user?.type === "Bot" || (pr.user?.login ?? "").endsWith("[bot]") },
    draft: pr.draft === true,
    state: pr.state === "closed" ? "closed" : "open",
    merged: pr.merged === true || Boolean(pr.merged_at),
  };
}

/** The few fields of GitHub's pull request object the facts need (REST and webhook shapes agree). */
export interface PayloadPullRequest {
  number: number;
  title: string | null;
  body: string | null;
  state: string;
  draft?: boolean;
  merged?: boolean | null;
  merged_at?: string | null;
  labels?: Array<{ name: string }>;
  user: { login: string; type?: string } | null;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
}

export interface PayloadRepository {
  id: number;
  name: string;
  owner: { login: string };
  default_branch: string;
}
